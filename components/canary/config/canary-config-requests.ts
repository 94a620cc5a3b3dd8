'use client';

import { apiFetch, apiRequest } from '@/components/api/client';
import { canaryConfigViewSchema, type CanaryConfigViewDto } from '@/lib/canary/stats/config-api';
import type { ConfigDocument } from './config-edits';

export const canaryConfigsPath = (application: string) => `/api/v1/applications/${encodeURIComponent(application)}/canary-configs`;

export function createCanaryConfig(application: string, config: ConfigDocument): Promise<CanaryConfigViewDto> {
  return apiFetch(canaryConfigsPath(application), canaryConfigViewSchema, { method: 'POST', body: JSON.stringify({ config }) });
}

export function saveCanaryConfig(application: string, id: string, config: ConfigDocument, expectedVersion: number): Promise<CanaryConfigViewDto> {
  return apiFetch(`${canaryConfigsPath(application)}/${encodeURIComponent(id)}`, canaryConfigViewSchema, { method: 'PUT', body: JSON.stringify({ config, expectedVersion }) });
}

export async function deleteCanaryConfig(application: string, id: string): Promise<void> {
  await apiRequest(`${canaryConfigsPath(application)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
