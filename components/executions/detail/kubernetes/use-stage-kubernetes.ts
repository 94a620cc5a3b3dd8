'use client';

import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/components/api/client';
import { stageKubernetesSchema } from '@/lib/pipeline/kubernetes-views';
import type { StageDto } from '@/lib/pipeline/execution';

/**
 * The live state of a stage's objects. Read when the tab opens and again whenever the stage changes
 * (status or end time are in the key) or the user asks; no polling, each read costs the apiserver
 * two requests per object.
 */
export function useStageKubernetes(executionId: string, stage: StageDto) {
  return useQuery({
    queryKey: ['stage-kubernetes', executionId, stage.id, stage.status, stage.endTime] as const,
    queryFn: ({ signal }) => apiFetch(`/api/v1/executions/${encodeURIComponent(executionId)}/stages/${encodeURIComponent(stage.id)}/kubernetes`, stageKubernetesSchema, { signal }),
    staleTime: 30_000,
    retry: false,
  });
}
