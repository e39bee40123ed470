import { useCallback, useEffect, useState } from 'react';

/** Loads server state and reloads it on demand; the server owns it, nothing is copied into a store. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    stableLoad().then(
      (value) => current && (setData(value), setError(undefined)),
      (reason: unknown) => current && setError(reason),
    );
    return () => {
      current = false;
    };
  }, [stableLoad, version]);
  return { data, error, reload: () => setVersion((v) => v + 1) };
}
