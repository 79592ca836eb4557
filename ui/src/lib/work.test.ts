import { describe, expect, it } from "vitest";
import { oneAtATime } from "./work.svelte";

describe("one piece of work at a time", () => {
  it("ignores a second start while the first runs, and is idle after", async () => {
    const work = oneAtATime(() => {});
    let runs = 0;
    let finish = () => {};
    const first = work.run(() => {
      runs += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    expect(work.busy).toBe(true);
    await work.run(async () => {
      runs += 1;
    });
    finish();
    await first;
    expect([runs, work.busy]).toEqual([1, false]);
  });

  it("hands a failure on and runs what comes after either way", async () => {
    const failures: unknown[] = [];
    let reloads = 0;
    const work = oneAtATime(
      (e) => failures.push(e),
      async () => {
        reloads += 1;
      },
    );
    await work.run(async () => {
      throw new Error("No mail client");
    });
    await work.run(async () => {});
    expect([failures.length, reloads, work.busy]).toEqual([1, 2, false]);
  });
});
