'use client';

import { useEffect, useRef, useState } from 'react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import type { JsonObject } from './json-path';
import { preloadValidation, validateInBackground } from './validation-client';

if (typeof window !== 'undefined') preloadValidation();

export interface LiveValidation {
  issues: ValidationIssue[];
  /** The document these issues are about (differs from the current one while a check is pending). */
  checked: JsonObject | undefined;
}

function sameIssues(a: readonly ValidationIssue[], b: readonly ValidationIssue[]): boolean {
  return a.length === b.length && a.every((issue, i) => issue.path === b[i]?.path && issue.message === b[i]?.message && issue.severity === b[i]?.severity);
}

/**
 * Validates the document after every change, debounced (a 200-stage pipeline takes ~10–60 ms) and
 * in a worker, so typing stays smooth. The first check runs at once so the editor is ready without a delay.
 * `stored`: the saved version the document is based on (problems it already had stay warnings).
 */
export function useLiveValidation(doc: JsonObject, stored?: JsonObject, delayMs = 150): LiveValidation {
  const [result, setResult] = useState<LiveValidation>({ issues: [], checked: undefined });
  const first = useRef(true);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void validateInBackground(doc, stored).then((issues) => {
        // A newer document is on its way: these findings are already stale.
        if (!current) return;
        // Same findings as before (the usual case while typing): keep the old list so nothing re-renders for it.
        setResult((prev) => ({ issues: sameIssues(prev.issues, issues) ? prev.issues : issues, checked: doc }));
      });
    }, first.current ? 0 : delayMs);
    first.current = false;
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [doc, stored, delayMs]);
  return result;
}
