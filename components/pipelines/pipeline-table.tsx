'use client';

import { useMutation } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, GripVertical } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type DragEvent } from 'react';
import { apiRequest } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import type { PipelineSummaryDto } from '@/lib/pipeline/api-schemas';
import { PipelineBadges } from './pipeline-badges';
import { mergeOrder, moveItem } from './reorder';
import { pipelinesPath } from './use-pipeline-api';

const moveButton = 'rounded p-1 text-muted hover:bg-surface-2 hover:text-fg disabled:opacity-30 disabled:hover:bg-transparent';

/** An application's pipelines in order; with WRITE, drag a row or use the arrow buttons to reorder. */
export function PipelineTable({ application, pipelines, canReorder }: { application: string; pipelines: PipelineSummaryDto[]; canReorder: boolean }) {
  const router = useRouter();
  const [local, setLocal] = useState<string[]>();
  const [dragging, setDragging] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const byId = new Map(pipelines.map((p) => [p.id, p]));
  const order = mergeOrder(local, pipelines.map((p) => p.id));
  const reorder = useMutation({
    mutationFn: (ids: string[]) => apiRequest(`/api/v1/applications/${encodeURIComponent(application)}/pipelines/reorder`, { method: 'POST', body: JSON.stringify({ ids }) }),
    onSuccess: () => router.refresh(),
    onError: () => setLocal(undefined),
  });
  const move = (from: number, to: number) => {
    const next = moveItem(order, from, to);
    const name = byId.get(order[from] ?? '')?.name ?? 'Pipeline';
    setLocal(next);
    setAnnouncement(`${name} moved to position ${next.indexOf(order[from] ?? '') + 1} of ${next.length}`);
    reorder.mutate(next);
  };
  const onDrop = (event: DragEvent, targetId: string) => {
    event.preventDefault();
    if (dragging && dragging !== targetId) move(order.indexOf(dragging), order.indexOf(targetId));
    setDragging(undefined);
  };

  return (
    <div className="flex flex-col gap-3">
      {reorder.isError && <Alert tone="danger">The new order was not saved: {reorder.error.message}</Alert>}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <Card className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Pipelines of {application}</caption>
          <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
            <tr>
              {canReorder && <th scope="col" className="w-24 px-3 py-3 font-medium"><span className="sr-only">Order</span></th>}
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Stages</th>
              <th scope="col" className="px-4 py-3 font-medium">Triggers</th>
              <th scope="col" className="px-4 py-3 font-medium">Last change</th>
            </tr>
          </thead>
          <tbody>
            {order.map((id, i) => {
              const p = byId.get(id);
              if (!p) return null;
              return (
                <tr
                  key={id}
                  draggable={canReorder}
                  onDragStart={() => setDragging(id)}
                  onDragOver={(e) => canReorder && e.preventDefault()}
                  onDrop={(e) => onDrop(e, id)}
                  onDragEnd={() => setDragging(undefined)}
                  className={cn('border-b border-line last:border-0 hover:bg-surface-2', dragging === id && 'opacity-50')}
                >
                  {canReorder && (
                    <td className="px-3 py-2">
                      <span className="flex items-center gap-0.5">
                        <GripVertical size={16} className="cursor-grab text-muted" aria-hidden="true" />
                        <button type="button" className={moveButton} aria-label={`Move ${p.name} up`} disabled={i === 0 || reorder.isPending} onClick={() => move(i, i - 1)}>
                          <ArrowUp size={14} aria-hidden="true" />
                        </button>
                        <button type="button" className={moveButton} aria-label={`Move ${p.name} down`} disabled={i === order.length - 1 || reorder.isPending} onClick={() => move(i, i + 1)}>
                          <ArrowDown size={14} aria-hidden="true" />
                        </button>
                      </span>
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <span className="flex flex-wrap items-center gap-2">
                      <Link href={`${pipelinesPath(application)}/${encodeURIComponent(p.id)}`} className="font-medium text-accent underline-offset-4 hover:underline">
                        {p.name}
                      </Link>
                      <PipelineBadges disabled={p.disabled} locked={p.locked} />
                    </span>
                  </td>
                  <td className="px-4 py-3 tabular-nums text-muted">{p.stageCount}</td>
                  <td className="px-4 py-3 text-muted">{p.triggerTypes.length > 0 ? p.triggerTypes.join(', ') : 'manual only'}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-muted">
                    {p.updatedBy ?? 'someone'}, <RelativeTime iso={p.updatedAt} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
