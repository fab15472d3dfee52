import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `delay` ms: search boxes query as the person pauses, not on every key. */
export function useDebouncedValue<T>(value: T, delay = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
