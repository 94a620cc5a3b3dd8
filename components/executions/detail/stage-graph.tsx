'use client';

import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { edgeSegments, svgPath } from '@/components/pipelines/edge-path';
import { edgeKey } from '@/components/pipelines/layout';
import { cn } from '@/components/ui/cn';
import { statusTone } from '../status';
import { buildGraphModel, CHILD_ROW, HEADER_HEIGHT, moveFocus, NODE_WIDTH, type ArrowKey, type GraphStage } from './graph-model';

const PAD = 16;
const arrowKeys = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

interface StageButtonProps {
  stage: GraphStage;
  nested: boolean;
  selected: boolean;
  focusable: boolean;
  onSelect(id: string): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
}

function StageButton({ stage, nested, selected, focusable, onSelect, onKeyDown }: StageButtonProps) {
  const { label, className, Icon } = statusTone(stage.status);
  const running = stage.status === 'RUNNING';
  return (
    <button
      type="button"
      data-stage-id={stage.id}
      data-status={stage.status}
      tabIndex={focusable ? 0 : -1}
      aria-pressed={selected}
      aria-label={`${stage.name}, ${stage.type}, ${label}${nested ? ', synthetic stage' : ''}`}
      onClick={() => onSelect(stage.id)}
      onKeyDown={onKeyDown}
      className={cn(
        'flex w-full items-center gap-2 rounded-md border text-left focus-visible:outline-2 focus-visible:outline-focus',
        nested ? 'h-[22px] px-2 text-xs' : 'h-12 px-2.5',
        className,
        selected && 'ring-2 ring-accent ring-offset-1 ring-offset-surface',
      )}
    >
      <Icon size={nested ? 12 : 16} aria-hidden="true" className={cn('shrink-0', running && 'motion-safe:animate-spin')} />
      <span className="min-w-0 flex-1">
        <span className={cn('block truncate font-medium text-fg', nested ? 'text-xs' : 'text-sm')}>{stage.name}</span>
        {!nested && (
          <span className="block truncate text-xs">
            {label} · {stage.type}
          </span>
        )}
      </span>
    </button>
  );
}

/**
 * The execution's stage DAG, left to right, synthetic stages nested inside their parent's box.
 * One stage is in the tab order at a time (roving tabindex); arrow keys move between stages,
 * Enter or Space opens the stage's details.
 */
export const StageGraph = memo(function StageGraph({ stages, selectedId, onSelect, onRendered }: { stages: readonly GraphStage[]; selectedId?: string; onSelect(id: string): void; onRendered?(): void }) {
  const structure = stages.map((s) => `${s.id}:${s.parentStageId ?? ''}:${s.requisiteStageRefIds.join(',')}`).join('|');
  // Layout follows the DAG only: status changes recolour stages without moving them.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the DAG's shape, not on `stages` (new on every status update); the model's stages give ids and names only, the current ones come from byId
  const model = useMemo(() => buildGraphModel(stages), [structure]);
  const byId = useMemo(() => new Map(stages.map((s) => [s.id, s])), [stages]);
  const [focusId, setFocusId] = useState<string | undefined>(undefined);
  const container = useRef<HTMLDivElement>(null);
  const tabStop = focusId ?? selectedId ?? model.nodes[0]?.stage.id;

  useEffect(() => {
    onRendered?.();
  }, [onRendered]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!arrowKeys.has(event.key)) return;
    const current = event.currentTarget.dataset.stageId;
    if (!current) return;
    event.preventDefault();
    const next = moveFocus(model, current, event.key as ArrowKey);
    setFocusId(next);
    container.current?.querySelector<HTMLButtonElement>(`[data-stage-id="${CSS.escape(next)}"]`)?.focus();
  };

  const { layout, nodeHeight } = model;
  const width = layout.width + 2 * PAD;
  const height = layout.height + 2 * PAD;
  const point = (ref: string) => layout.positions.get(ref);

  return (
    <div className="max-h-[28rem] overflow-auto rounded-lg border border-line bg-surface-2">
      <div ref={container} role="group" aria-label={`Stage graph, ${model.nodes.length} stages; use the arrow keys to move between stages`} className="relative" style={{ width, height }}>
        <svg aria-hidden="true" width={width} height={height} className="absolute inset-0 text-muted">
          <g transform={`translate(${PAD},${PAD})`}>
            {model.edges.map(({ from, to }) => {
              const a = point(from);
              const b = point(to);
              if (!a || !b) return null;
              const start = { x: a.x + NODE_WIDTH, y: a.y + HEADER_HEIGHT / 2 };
              const end = { x: b.x, y: b.y + HEADER_HEIGHT / 2 };
              const d = svgPath(edgeSegments(start, layout.routes.get(edgeKey(from, to)) ?? [], end));
              return <path key={edgeKey(from, to)} data-edge={edgeKey(from, to)} d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />;
            })}
          </g>
        </svg>
        {model.nodes.map(({ stage, children }) => {
          const at = point(stage.refId);
          if (!at) return null;
          const current = byId.get(stage.id) ?? stage;
          return (
            <div key={stage.id} className="absolute flex flex-col gap-1 rounded-lg border border-line bg-surface p-1" style={{ left: at.x + PAD, top: at.y + PAD, width: NODE_WIDTH, height: children.length > 0 ? nodeHeight : HEADER_HEIGHT }}>
              <StageButton stage={current} nested={false} selected={selectedId === stage.id} focusable={tabStop === stage.id} onSelect={onSelect} onKeyDown={onKeyDown} />
              {children.length > 0 && (
                <ul aria-label={`Synthetic stages of ${stage.name}`} className="flex flex-col gap-1 pl-2" style={{ minHeight: children.length * CHILD_ROW - 4 }}>
                  {children.map((child) => (
                    <li key={child.id}>
                      <StageButton stage={byId.get(child.id) ?? child} nested selected={selectedId === child.id} focusable={tabStop === child.id} onSelect={onSelect} onKeyDown={onKeyDown} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
});
