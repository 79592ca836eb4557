/** What a directory editor dialog is given: the record's id (null for a
 * new one), a copy of its input to edit, and what to do once saved or
 * cancelled. */
export type EditorProps<I> = {
  id: number | null;
  input: I;
  onsaved: () => void;
  oncancel: () => void;
};
