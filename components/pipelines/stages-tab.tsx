'use client';

import { Copy, Link2Off, Trash2, Workflow } from 'lucide-react';
import { useDeferredValue } from 'react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import type { KnownStageType } from '@/lib/pipeline/schema/stages';
import dynamic from 'next/dynamic';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { AddStageMenu } from './add-stage-menu';
import { StageGraph, type SelectedEdge } from './stage-graph';
import { StageList } from './stage-list';
import { stageLabel, type StageSummary } from './stage-edits';

export interface StagesTabProps {
  stages: readonly StageSummary[];
  issuesByStage: ReadonlyMap<number, readonly ValidationIssue[]>;
  readOnly: boolean;
  selected?: string;
  selectedEdge?: SelectedEdge;
  reveal?: { refId: string; at: number };
  /** Why the last connection was refused (a cycle, named). */
  refusal?: string;
  onSelectFromGraph(refId: string): void;
  onSelectFromList(refId: string): void;
  onSelectEdge(edge: SelectedEdge | undefined): void;
  onAdd(type: KnownStageType): void;
  onCopy(refId: string): void;
  onDelete(refId: string): void;
  onConnect(parent: string, child: string): void;
  onDisconnect(edge: SelectedEdge): void;
  onGraphReady(): void;
}

// The form reads the stage schemas (zod): loaded with the first selection, not with the editor.
const StageForm = dynamic(() => import('./stage-form').then((m) => m.StageForm), { loading: () => <p className="text-sm text-muted">Loading…</p> });

/** Graph with its toolbar on top; the stage list and the selected stage's form below. */
export function StagesTab(props: StagesTabProps) {
  const { stages, selected, selectedEdge, readOnly } = props;
  // Typing in a stage's form renders the form at once; the graph and the list follow in the background.
  const deferredStages = useDeferredValue(stages);
  const deferredIssues = useDeferredValue(props.issuesByStage);
  const stage = stages.find((s) => s.refId === selected);
  const name = (refId: string) => stageLabel(stages.find((s) => s.refId === refId) ?? { name: '', refId });
  return (
    <div className="flex flex-col gap-4">
      <Card className="overflow-hidden">
        <div role="toolbar" aria-label="Stage graph tools" className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
          {!readOnly && <AddStageMenu after={selected} onAdd={props.onAdd} />}
          {!readOnly && stage && (
            <>
              <Button size="sm" variant="ghost" onClick={() => props.onCopy(stage.refId)}>
                <Copy size={14} aria-hidden="true" /> Copy stage
              </Button>
              <Button size="sm" variant="ghost" onClick={() => props.onDelete(stage.refId)}>
                <Trash2 size={14} aria-hidden="true" /> Delete stage
              </Button>
            </>
          )}
          {selectedEdge && (
            <span className="ml-auto flex items-center gap-2 text-sm">
              <span className="text-muted">
                Dependency: {name(selectedEdge.parent)} → {name(selectedEdge.child)}
              </span>
              {!readOnly && (
                <Button size="sm" variant="secondary" onClick={() => props.onDisconnect(selectedEdge)}>
                  <Link2Off size={14} aria-hidden="true" /> Remove dependency
                </Button>
              )}
            </span>
          )}
          {!selectedEdge && (
            <span className="ml-auto text-xs text-muted">{readOnly ? 'Read-only' : 'Drag from a stage’s right handle to another stage to make it depend on it.'}</span>
          )}
        </div>
        {props.refusal && (
          <div className="border-b border-line px-3 py-2">
            <Alert tone="danger">Connection refused: {props.refusal}</Alert>
          </div>
        )}
        <div className="h-[22rem]">
          <StageGraph
            stages={deferredStages}
            issuesByStage={deferredIssues}
            selected={selected}
            selectedEdge={selectedEdge}
            reveal={props.reveal}
            readOnly={readOnly}
            onSelect={props.onSelectFromGraph}
            onSelectEdge={props.onSelectEdge}
            onConnect={props.onConnect}
            onDisconnect={props.onDisconnect}
            onReady={props.onGraphReady}
          />
        </div>
      </Card>
      <div className="grid items-start gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <StageList stages={deferredStages} issuesByStage={deferredIssues} selected={selected} onSelect={props.onSelectFromList} />
        <Card className="p-5">
          {stage ? (
            <StageForm key={`${stage.index}-${stage.refId}-${stage.type}`} stage={stage} onCopy={() => props.onCopy(stage.refId)} onDelete={() => props.onDelete(stage.refId)} />
          ) : (
            <div className="flex flex-col items-center gap-2 py-10 text-center text-sm text-muted">
              <Workflow size={28} aria-hidden="true" />
              {stages.length === 0 ? 'This pipeline has no stages yet. Add one to start.' : 'Select a stage in the graph or the list to edit it.'}
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
