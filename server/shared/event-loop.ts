/** Waits for the event loop's next turn (setImmediate runs after pending I/O), so that requests waiting meanwhile are served. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Passes every item on, and after each `every` items waits for the event loop's next turn, so
 * that a long read on SQLite, which is synchronous, lets other requests in between its chunks
 * instead of holding them until it ends.
 */
export async function* yieldingEvery<T>(items: AsyncIterable<T>, every: number): AsyncGenerator<T> {
  let n = 0;
  for await (const item of items) {
    yield item;
    if (++n % every === 0) await nextTurn();
  }
}
