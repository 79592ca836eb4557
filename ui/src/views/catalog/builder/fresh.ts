// Fields and choices added in this session: their key (or id) follows the
// label as it is typed, until the key is edited by hand. Keys of fields
// that already existed never change by themselves, since answers and
// conditions are kept under them.
export const freshFields = new WeakSet<object>();
export const freshChoices = new WeakSet<object>();
