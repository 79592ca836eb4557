import { describe, expect, it } from "vitest";
import type { Story } from "$lib/backend";
import { bars, storyText } from "./text";

const wording = (text: string, edited: boolean) => ({ text, edited });

const story = {
  headline: wording("Generated headline", false),
  challenge: wording("The analyst's challenge", true),
  solution: wording("Generated solution", false),
  nextStepsText: wording("Generated next steps", false),
  quote: { requestId: 7, rating: 5, comment: "Quick", requester: null, department: null },
} as unknown as Story;

describe("storyText", () => {
  it("keeps the analyst's texts, leaves generated ones null and keeps the quote", () => {
    expect(storyText(story)).toEqual({
      headline: null,
      challenge: "The analyst's challenge",
      solution: null,
      nextSteps: null,
      quoteRequestId: 7,
    });
  });

  it("applies one change on top of what is kept", () => {
    const text = storyText(story, { headline: "Ready on day one", quoteRequestId: null });
    expect(text.headline).toBe("Ready on day one");
    expect(text.challenge).toBe("The analyst's challenge");
    expect(text.quoteRequestId).toBeNull();
  });
});

describe("bars", () => {
  it("draws an opened and a resolved bar per week, the tallest filling the height", () => {
    const drawn = bars(
      [
        { week: "2026-06-22", opened: 4, resolved: 2 },
        { week: "2026-06-29", opened: 8, resolved: 0 },
      ],
      100,
      50,
    );
    expect(drawn).toHaveLength(4);
    const tallest = drawn.find((b) => b.week === "2026-06-29" && b.kind === "opened")!;
    expect(tallest.height).toBe(50);
    expect(tallest.y).toBe(0);
    expect(drawn.find((b) => b.count === 0)!.height).toBe(0);
    expect(drawn.every((b) => b.x + b.width <= 100)).toBe(true);
  });
});
