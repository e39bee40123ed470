/** The log a poll reports to. */
export interface PollLog {
  info: (detail: object, message: string) => void;
  warn: (detail: object, message: string) => void;
}

/**
 * Runs `look` every `intervalMs` without keeping the process alive; a look that fails is `failed`
 * and the next one comes all the same. Answers the function that stops looking.
 */
export function everyInterval(intervalMs: number, look: () => Promise<void>, failed: (error: Error) => void): () => void {
  const timer = setInterval(() => {
    look().catch((error: unknown) => failed(error as Error));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** `look` run once at a time: who asks while it runs gets the running look's answer. */
export function onceAtATime<T>(look: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () =>
    (running ??= look().finally(() => {
      running = undefined;
    }));
}
