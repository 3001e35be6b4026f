import { useEffect, useState } from 'react';

/**
 * Runs `start` once on mount and holds its outcome as state: `initial` until it settles, then its value, or
 * `failed(message)` if it rejects. A result arriving after unmount is dropped.
 */
export function useMountPromise<S>(start: () => Promise<S>, initial: S, failed: (message: string) => S): S {
  const [state, setState] = useState<S>(initial);
  useEffect(() => {
    let live = true;
    start()
      .then((value) => live && setState(value))
      .catch((e: unknown) => live && setState(failed(e instanceof Error ? e.message : String(e))));
    return () => {
      live = false;
    };
    // Mount only: the callbacks are fixed for the component's lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return state;
}
