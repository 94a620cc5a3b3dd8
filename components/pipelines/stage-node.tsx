'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { cn } from '@/components/ui/cn';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 60;

export type StageNodeData = { label: string; typeLabel: string; errors: number; warnings: number };
export type StageFlowNode = Node<StageNodeData, 'stage'>;

const handleClass = 'size-2.5! border-2! border-surface! bg-muted!';

/** A stage in the graph: name, type, and a marker (icon and count, not colour alone) when it has issues. */
export const StageNode = memo(function StageNode({ data, selected, isConnectable }: NodeProps<StageFlowNode>) {
  return (
    <div
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
      title={data.errors > 0 ? `${data.errors} error${data.errors === 1 ? '' : 's'}` : undefined}
      className={cn(
        'flex flex-col justify-center rounded-lg border bg-surface px-3 shadow-sm transition-colors',
        selected ? 'border-accent ring-2 ring-accent/30' : data.errors > 0 ? 'border-danger/60' : 'border-line hover:border-muted',
      )}
    >
      <Handle type="target" position={Position.Left} isConnectable={isConnectable} className={handleClass} />
      <div className="flex items-center gap-1.5">
        <span className="truncate text-sm font-medium text-fg">{data.label}</span>
        {data.errors > 0 ? (
          <span className="ml-auto flex shrink-0 items-center gap-0.5 rounded-full bg-danger-bg px-1.5 py-px text-xs font-medium text-danger">
            <CircleAlert size={12} aria-hidden="true" />
            {data.errors}
            <span className="sr-only"> {data.errors === 1 ? 'error' : 'errors'}</span>
          </span>
        ) : data.warnings > 0 ? (
          <span className="ml-auto flex shrink-0 items-center gap-0.5 rounded-full bg-warning-bg px-1.5 py-px text-xs font-medium text-warning">
            <TriangleAlert size={12} aria-hidden="true" />
            {data.warnings}
            <span className="sr-only"> {data.warnings === 1 ? 'warning' : 'warnings'}</span>
          </span>
        ) : null}
      </div>
      <span className="truncate text-xs text-muted">{data.typeLabel}</span>
      <Handle type="source" position={Position.Right} isConnectable={isConnectable} className={handleClass} />
    </div>
  );
});
