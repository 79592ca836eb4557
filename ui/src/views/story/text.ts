// What the success story saves and how its chart is drawn: the small
// pieces of logic of the Success story view, kept apart so they are tested.
import type { Story, StoryText, WeekVolume, Wording } from "$lib/backend";

/** The story's texts as the analyst left them (generated ones as null),
 * the quote picked, and one change on top. */
export function storyText(story: Story, change: Partial<StoryText> = {}): StoryText {
  const kept = (w: Wording) => (w.edited ? w.text : null);
  return {
    headline: kept(story.headline),
    challenge: kept(story.challenge),
    solution: kept(story.solution),
    nextSteps: kept(story.nextStepsText),
    quoteRequestId: story.quote?.requestId ?? null,
    ...change,
  };
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  kind: "opened" | "resolved";
  week: string;
  count: number;
}

/** The weekly chart's bars in a `width` × `height` box: per week an
 * opened bar and a resolved bar side by side, scaled to the tallest. */
export function bars(weeks: WeekVolume[], width: number, height: number): Bar[] {
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.opened, w.resolved)));
  const slot = width / Math.max(1, weeks.length);
  const bar = Math.max(1, (slot - 4) / 2);
  return weeks.flatMap((w, i) =>
    (["opened", "resolved"] as const).map((kind, j) => {
      const count = kind === "opened" ? w.opened : w.resolved;
      const h = (count / max) * height;
      return {
        x: i * slot + 2 + j * bar,
        y: height - h,
        width: bar,
        height: h,
        kind,
        week: w.week,
        count,
      };
    }),
  );
}
