'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { z } from 'zod';
import { apiFetch, apiRequest } from '@/components/api/client';
import type { changePipelineRequestSchema, PipelineView } from '@/lib/pipeline/api-schemas';
import type { JsonObject } from './json-path';

// The response schema (zod) is needed only once something is sent; load it then.
const viewSchema = () => import('@/lib/pipeline/api-schemas').then((m) => m.pipelineViewSchema);

export type LifecycleChange = Omit<z.input<typeof changePipelineRequestSchema>, 'expectedVersion'>;

export const pipelinesPath = (application: string) => `/applications/${encodeURIComponent(application)}/pipelines`;
export const pipelineApi = (application: string, id: string) => `/api/v1/applications/${encodeURIComponent(application)}/pipelines/${encodeURIComponent(id)}`;

/**
 * The server adds these to every view from its own row (order, save time, saver); sending them back
 * would store stale copies in the config and put noise in every revision diff.
 */
function withoutViewMetadata(pipeline: JsonObject): JsonObject {
  const { updateTs: _updateTs, lastModifiedBy: _lastModifiedBy, index: _index, ...config } = pipeline;
  return config;
}

/**
 * The editor's writes, each sent with the version it was loaded at so a concurrent change answers
 * 409 instead of being overwritten; every success hands the server's new state to `adopt`.
 */
export function usePipelineApi(application: string, id: string, version: number, adopt: (view: PipelineView) => void) {
  const router = useRouter();
  const url = pipelineApi(application, id);
  const save = useMutation({
    mutationFn: async (pipeline: JsonObject) => apiFetch(url, await viewSchema(), { method: 'PUT', body: JSON.stringify({ pipeline: withoutViewMetadata(pipeline), expectedVersion: version }) }),
    onSuccess: adopt,
  });
  const change = useMutation({
    mutationFn: async (body: LifecycleChange) => apiFetch(url, await viewSchema(), { method: 'PATCH', body: JSON.stringify({ ...body, expectedVersion: version }) }),
    onSuccess: (view) => {
      adopt(view);
      save.reset();
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiRequest(url, { method: 'DELETE' }),
    onSuccess: () => {
      router.push(pipelinesPath(application));
      router.refresh();
    },
  });
  const reload = useMutation({
    mutationFn: async () => apiFetch(url, await viewSchema()),
    onSuccess: (view) => {
      adopt(view);
      save.reset();
      change.reset();
    },
  });
  return { save, change, remove, reload };
}
