'use client';

import { useState } from 'react';

/**
 * Text for an input whose value is parsed from it (lists, YAML): the typed text stays on screen
 * while it still describes the stored value (or cannot be parsed yet), so typing a newline or a
 * half-written YAML line is not undone by re-formatting. A value changed elsewhere (revert, JSON
 * mode) replaces the draft.
 */
export function useTextDraft(value: unknown, format: (value: unknown) => string): [string, (text: string, storedAs: unknown) => void] {
  const [draft, setDraft] = useState<{ text: string; base: unknown }>();
  const text = draft && Object.is(draft.base, value) ? draft.text : format(value);
  return [text, (next, storedAs) => setDraft({ text: next, base: storedAs })];
}
