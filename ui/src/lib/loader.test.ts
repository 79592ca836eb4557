import { describe, expect, it, vi } from "vitest";
import { loader } from "./loader.svelte";

/** A request whose answer the test gives when it chooses. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("a loader", () => {
  it("keeps the initial value until the first answer, then the answer", async () => {
    const list = loader(async () => ["a"], [] as string[]);
    expect(list.value).toEqual([]);
    expect(list.loaded).toBe(false);
    await list.run();
    expect(list.value).toEqual(["a"]);
    expect(list.loaded).toBe(true);
    expect(list.loading).toBe(false);
  });

  it("ignores an answer that arrives after a newer request's answer", async () => {
    const slow = pending<string>();
    const fast = pending<string>();
    const queue = [slow, fast];
    const item = loader(() => queue.shift()!.promise, "");
    const first = item.run();
    const second = item.run();
    fast.resolve("newer");
    await second;
    slow.resolve("older");
    await first;
    expect(item.value).toBe("newer");
  });

  it("says what went wrong and tells the reporter, keeping the last value", async () => {
    const onerror = vi.fn();
    let fail = false;
    const item = loader(
      async () => {
        if (fail) throw new Error("The workspace is locked.");
        return 1;
      },
      0,
      onerror,
    );
    await item.run();
    fail = true;
    await item.run();
    expect(item.error).toBe("The workspace is locked.");
    expect(item.value).toBe(1);
    expect(onerror).toHaveBeenCalledOnce();
  });

  it("forgets a failure once a later request succeeds", async () => {
    let fail = true;
    const item = loader(async () => {
      if (fail) throw new Error("gone");
      return 2;
    }, 0);
    await item.run();
    expect(item.error).toBe("gone");
    fail = false;
    await item.run();
    expect(item.error).toBeNull();
    expect(item.value).toBe(2);
  });

  it("does not report a failure of a request a newer one replaced", async () => {
    const onerror = vi.fn();
    const old = pending<number>();
    const queue = [old.promise, Promise.resolve(5)];
    const item = loader(() => queue.shift()!, 0, onerror);
    const first = item.run();
    await item.run();
    old.reject(new Error("late failure"));
    await first;
    expect(item.error).toBeNull();
    expect(item.value).toBe(5);
    expect(onerror).not.toHaveBeenCalled();
  });
});
