import { useEffect, useState } from 'react';

/**
 * What a search box holds, trimmed, once typing has rested for `ms`: each keystroke does not start
 * a search. The setter applies a value at once (Enter).
 */
export function useSettledText(text: string, ms = 350): [string, (q: string) => void] {
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return [q, setQ];
}
