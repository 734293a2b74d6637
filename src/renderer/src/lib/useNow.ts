import { useEffect, useState } from 'react';

/** The wall clock, re-read every `everyMs`, for "how long ago" text that must not freeze between events. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
