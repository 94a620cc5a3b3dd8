'use client';

import { useState } from 'react';

/**
 * `next`, but with each item replaced by the previous render's item of the same key when the two are
 * equal, so memoised children (React Flow's 200 nodes, the stage list) skip work after an edit that
 * touched one stage. Uses React's "adjust state while rendering" pattern, not refs.
 */
export function useSharedList<T>(next: T[], keyOf: (item: T) => string, equal: (a: T, b: T) => boolean): T[] {
  const [state, setState] = useState({ input: next, output: next });
  if (state.input === next) return state.output;
  const previous = new Map(state.output.map((item) => [keyOf(item), item]));
  const output = next.map((item) => {
    const old = previous.get(keyOf(item));
    return old !== undefined && equal(old, item) ? old : item;
  });
  setState({ input: next, output });
  return output;
}
