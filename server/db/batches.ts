/**
 * Runs calls in batches: the calls that arrive while a batch is in flight (and in the same turn of
 * the event loop) wait, and go together as the next batch, so that on PostgreSQL many concurrent
 * calls share one statement, one round trip and one commit (the group commit's idea). One batch is
 * in flight at a time, unless it takes longer than `stallMs` (waiting for a row another
 * transaction holds, say): then the next goes too, so that one slow statement holds the others back
 * for no longer than that. A batch that fails is run again one call at a time, each a batch of
 * one, so that a failure of one call (a refused row, a deadlock with another server's batch) fails
 * only that call; `runBatch` must therefore be atomic (one statement, or one transaction).
 */
export interface Batches<I, O> {
  run(item: I): Promise<O>;
}

export interface BatchOptions {
  maxSize?: number;
  stallMs?: number;
}

/** `runBatch` answers one result per item, in the items' order. */
export function createBatches<I, O>(runBatch: (items: I[]) => Promise<O[]>, { maxSize = 200, stallMs = 100 }: BatchOptions = {}): Batches<I, O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  /** Batches in flight that have not yet taken longer than `stallMs`. */
  let running = 0;
  let scheduled = false;

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

  const schedule = () => {
    if (scheduled || running > 0 || waiting.length === 0) return;
    scheduled = true;
    setImmediate(dispatch);
  };

  const dispatch = () => {
    scheduled = false;
    if (running > 0 || waiting.length === 0) return;
    running++;
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      running--;
      schedule();
    };
    const stalled = setTimeout(uncount, stallMs).unref();
    void runNext().finally(() => {
      clearTimeout(stalled);
      uncount();
    });
  };

  return {
    run(item) {
      return new Promise<O>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
