'use client';

import { useCallback, useMemo, useState } from 'react';
import type { PipelineView } from '@/lib/pipeline/api-schemas';
import type { JsonObject } from './json-path';

export interface PipelineDocument {
  /** The version loaded from (or last saved to) the server. */
  baseline: PipelineView;
  doc: JsonObject;
  isDirty: boolean;
  edit(change: (doc: JsonObject) => JsonObject): void;
  /** Replace both with what the server now has (after a save, a lifecycle change or a reload). */
  adopt(view: PipelineView): void;
  revert(): void;
}

/** The config being edited, as raw JSON so unknown keys and stage types survive a round trip. */
export function usePipelineDocument(initial: PipelineView): PipelineDocument {
  const [state, setState] = useState({ baseline: initial, doc: initial.pipeline });
  // Edits keep key order, so plain JSON compares; an edit undone by hand is not "unsaved".
  const baselineJson = useMemo(() => JSON.stringify(state.baseline.pipeline), [state.baseline]);
  const isDirty = useMemo(() => state.doc !== state.baseline.pipeline && JSON.stringify(state.doc) !== baselineJson, [state, baselineJson]);
  const edit = useCallback((change: (doc: JsonObject) => JsonObject) => setState((s) => ({ ...s, doc: change(s.doc) })), []);
  const adopt = useCallback((view: PipelineView) => setState({ baseline: view, doc: view.pipeline }), []);
  const revert = useCallback(() => setState((s) => ({ ...s, doc: s.baseline.pipeline })), []);
  return { baseline: state.baseline, doc: state.doc, isDirty, edit, adopt, revert };
}
