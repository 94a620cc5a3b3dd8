'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/components/api/client';
import type { StageDto } from '@/lib/pipeline/execution';
import { executionApi, executionKey } from './use-live-execution';

async function fetchStage(executionId: string, stageId: string): Promise<StageDto> {
  const { stageDtoSchema } = await import('@/lib/pipeline/execution');
  return apiFetch(`${executionApi(executionId)}/stages/${encodeURIComponent(stageId)}`, stageDtoSchema);
}

/**
 * One stage in full (context, outputs, tasks), fetched when it is opened and again when an event
 * changed it (`revision`, from useLiveExecution). While a newer revision loads, the last one shows.
 */
export function useStageDetail(executionId: string, stageId: string, revision: number, initial?: StageDto) {
  return useQuery({
    queryKey: [...executionKey(executionId), 'stages', stageId, revision],
    queryFn: () => fetchStage(executionId, stageId),
    ...(initial && revision === 0 ? { initialData: initial } : {}),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}
