/**
 * Runs calls in batches: the calls that arrive while a batch is in flight (and in the same turn of
 * the event loop) wait, and go together as the next batch, so that on PostgreSQL many concurrent
 * calls share one statement, one round trip and one commit (the group commit's idea). At most one
 * batch is in flight. A batch that fails is run again one call at a time, each a batch of one,
 * so that a failure of one call (a refused row, a deadlock with another server's batch) fails only
 * that call; `runBatch` must therefore be atomic (one statement, or one transaction).
 */
export interface Batches<I, O> {
  run(item: I): Promise<O>;
}

/** `runBatch` answers one result per item, in the items' order. */
export function createBatches<I, O>(runBatch: (items: I[]) => Promise<O[]>, { maxSize = 200 }: { maxSize?: number } = {}): Batches<I, O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let busy = false;

  const runAlone = async ({ item, resolve, reject }: Waiting) => {
    try {
      const [result] = await runBatch([item]);
      resolve(result!);
    } catch (error) {
      reject(error);
    }
  };

  const runNext = async () => {
    const batch = waiting.slice(0, maxSize);
    waiting = waiting.slice(batch.length);
    if (batch.length === 1) return runAlone(batch[0]!);
    let results: O[];
    try {
      results = await runBatch(batch.map((w) => w.item));
    } catch {
      await Promise.all(batch.map(runAlone));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  };

  const dispatch = () => {
    busy = true;
    void runNext().finally(() => {
      if (waiting.length > 0) setImmediate(dispatch);
      else busy = false;
    });
  };

  return {
    run(item) {
      return new Promise<O>((resolve, reject) => {
        if (!busy && waiting.length === 0) {
          busy = true;
          setImmediate(dispatch);
        }
        waiting.push({ item, resolve, reject });
      });
    },
  };
}
