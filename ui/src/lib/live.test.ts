import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followChanges } from "./live";

describe("following the workspace's changes", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("refreshes only when the revision changes, and stops when told", async () => {
    const revisions = ["1.0", "1.0", "2.0", "2.0", "2.1"];
    const onchange = vi.fn();
    const stop = followChanges(onchange, 100, {
      revision: async () => revisions.shift() ?? "2.1",
      hidden: () => false,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(onchange).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(onchange).toHaveBeenCalledTimes(2);
    stop();
    revisions.push("3.0");
    await vi.advanceTimersByTimeAsync(500);
    expect(onchange).toHaveBeenCalledTimes(2);
  });

  it("does not ask while the window is hidden, and survives a failed ask", async () => {
    let hidden = true;
    const revision = vi.fn(async () => {
      throw new Error("no workspace");
    });
    const stop = followChanges(() => {}, 100, { revision, hidden: () => hidden });
    await vi.advanceTimersByTimeAsync(300);
    expect(revision).not.toHaveBeenCalled();
    hidden = false;
    await vi.advanceTimersByTimeAsync(300);
    expect(revision.mock.calls.length).toBeGreaterThan(1);
    stop();
  });
});
