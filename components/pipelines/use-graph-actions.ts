'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { KnownStageType } from '@/lib/pipeline/schema/stages';
import type { JsonObject } from './json-path';
import { addStage, connectStages, copyStage, deleteStage, disconnectStages, summarizeStages } from './stage-edits';
import type { SelectedEdge } from './stage-graph';

export type SelectSource = 'graph' | 'list' | 'jump';

export interface GraphActions {
  selected?: string;
  selectedEdge?: SelectedEdge;
  reveal?: { refId: string; at: number };
  refusal?: string;
  select(refId: string, from: SelectSource): void;
  selectFromGraph(refId: string): void;
  selectFromList(refId: string): void;
  selectEdge(edge: SelectedEdge | undefined): void;
  add(type: KnownStageType): void;
  copy(refId: string): void;
  remove(refId: string): void;
  connect(parent: string, child: string): void;
  disconnect(edge: SelectedEdge): void;
}

/**
 * Selection in the graph and the edits made from it; a refused connection leaves its reason until
 * the next graph action. Every action is a stable callback (reading the latest document from a ref
 * in event handlers), so the memoised graph and list do not re-render for a new function.
 */
export function useGraphActions(doc: JsonObject, edit: (change: (doc: JsonObject) => JsonObject) => void): GraphActions {
  const [selected, setSelected] = useState<string>();
  const [selectedEdge, setSelectedEdge] = useState<SelectedEdge>();
  const [reveal, setReveal] = useState<{ refId: string; at: number }>();
  const [refusal, setRefusal] = useState<string>();
  const latest = useRef({ doc, selected });
  useEffect(() => {
    latest.current = { doc, selected };
  });

  const select = useCallback((refId: string, from: SelectSource) => {
    latest.current.selected = refId;
    setSelected(refId);
    setSelectedEdge(undefined);
    if (from !== 'graph') setReveal({ refId, at: Date.now() });
  }, []);
  const selectFromGraph = useCallback((refId: string) => select(refId, 'graph'), [select]);
  const selectFromList = useCallback((refId: string) => select(refId, 'list'), [select]);
  const selectEdge = useCallback((edge: SelectedEdge | undefined) => {
    setSelectedEdge(edge);
    setRefusal(undefined);
  }, []);
  const apply = useCallback(
    (next: JsonObject) => {
      latest.current.doc = next;
      edit(() => next);
    },
    [edit],
  );

  const add = useCallback(
    (type: KnownStageType) => {
      const result = addStage(latest.current.doc, type, latest.current.selected);
      apply(result.doc);
      setRefusal(undefined);
      select(result.refId, 'jump');
    },
    [apply, select],
  );
  const copy = useCallback(
    (refId: string) => {
      const result = copyStage(latest.current.doc, refId);
      if (!result) return;
      apply(result.doc);
      select(result.refId, 'jump');
    },
    [apply, select],
  );
  const remove = useCallback(
    (refId: string) => {
      const stages = summarizeStages(latest.current.doc);
      const index = stages.findIndex((s) => s.refId === refId);
      const neighbour = stages[index + 1] ?? stages[index - 1];
      apply(deleteStage(latest.current.doc, refId));
      setSelected(neighbour?.refId);
      setSelectedEdge(undefined);
    },
    [apply],
  );
  const connect = useCallback(
    (parent: string, child: string) => {
      const result = connectStages(latest.current.doc, parent, child);
      setRefusal(result.error);
      if (result.doc) apply(result.doc);
    },
    [apply],
  );
  const disconnect = useCallback(
    (edge: SelectedEdge) => {
      apply(disconnectStages(latest.current.doc, edge.parent, edge.child));
      setSelectedEdge(undefined);
      setRefusal(undefined);
    },
    [apply],
  );

  return { selected, selectedEdge, reveal, refusal, select, selectFromGraph, selectFromList, selectEdge, add, copy, remove, connect, disconnect };
}
