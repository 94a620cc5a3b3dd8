'use client';

import { useEffect, useState } from 'react';
import { joinPath, parsePath } from './issue-paths';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The element for a path, or for the nearest enclosing path that has one (a missing field → its group). */
export function findField(root: ParentNode, path: string): HTMLElement | undefined {
  const segments = parsePath(path);
  for (let n = segments.length; n > 0; n--) {
    const key = joinPath(segments.slice(0, n));
    const el = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(key)}"]`);
    if (el) return el;
  }
  return undefined;
}

/**
 * Jump-to-error: after the tab and stage for `path` have rendered, focus its field (or the first
 * control inside its group) and scroll it into view.
 */
export function useFieldFocus(): (path: string) => void {
  const [request, setRequest] = useState<{ path: string; at: number }>();
  useEffect(() => {
    if (!request) return;
    const frame = requestAnimationFrame(() => {
      const el = findField(document, request.path);
      if (!el) return;
      const details = el.closest('details');
      if (details) details.open = true;
      const target = el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>(FOCUSABLE) ?? el);
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [request]);
  return (path) => setRequest({ path, at: Date.now() });
}
