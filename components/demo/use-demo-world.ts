'use client';

import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '@/components/api/client';
import type { WorldPart, WorldStatusDto } from '@/lib/world/status';
import { isWorldSettled } from '@/lib/world/status-text';

export const demoWorldKey = ['demo', 'world'] as const;

const runnerStates = new Set(['running', 'stopped', 'absent']);

function isPart(value: unknown): value is WorldPart {
  if (typeof value !== 'object' || value === null) return false;
  const part = value as Record<string, unknown>;
  return typeof part.id === 'string' && typeof part.label === 'string' && typeof part.state === 'string' && typeof part.required === 'boolean';
}

/**
 * Checked by hand rather than with the zod schema: the header badge uses this on every page of the
 * demo, and the schema would put zod into all of them. The server built it from the schema.
 */
async function fetchDemoWorld(): Promise<WorldStatusDto> {
  const body = (await (await apiRequest('/api/v1/demo/world')).json()) as Partial<Record<keyof WorldStatusDto, unknown>>;
  if (typeof body.runner !== 'string' || !runnerStates.has(body.runner) || typeof body.ready !== 'boolean' || typeof body.serverTime !== 'number' || !Array.isArray(body.parts) || !body.parts.every(isPart)) {
    throw new Error('The demo world answer is not a world status');
  }
  return body as WorldStatusDto;
}

/**
 * The demo world's status, shared by the Demo world panel and the header badge (one request per poll).
 * Polls every 2 s while something is installing, building or starting, every 15 s once all is settled
 * (a light poll rather than a stream: the status changes every few seconds at most, and reading it
 * costs the server one small file read).
 */
export function useDemoWorld(initial?: WorldStatusDto) {
  return useQuery({
    queryKey: demoWorldKey,
    queryFn: fetchDemoWorld,
    initialData: initial,
    staleTime: 1_000,
    retry: (failures, err) => !(err instanceof ApiError && err.status === 404) && failures < 1,
    refetchInterval: (query) => {
      if (query.state.error instanceof ApiError && query.state.error.status === 404) return false; // not a demo
      const data = query.state.data;
      return data && data.runner === 'running' && isWorldSettled(data.parts) ? 15_000 : 2_000;
    },
  });
}

/**
 * True once every part the story needs (cluster, Prometheus, simulators) is ready: what the demo's
 * story buttons (Push a change) wait for. False outside the demo (the API answers 404).
 */
export function useWorldReady(): boolean {
  return useDemoWorld().data?.ready ?? false;
}
