import type { ValidationIssue } from '@/lib/pipeline/issues';
import { validateConfig } from './validate-config';

export interface ValidationRequest {
  id: number;
  config: unknown;
  /** The stored version the document is based on (its imported problems stay warnings). */
  stored?: unknown;
}
export interface ValidationResponse {
  id: number;
  issues: ValidationIssue[];
}

// A dedicated worker: zod and the pipeline schemas load and run here, beside the page's own work.
const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<ValidationRequest>) => void) | null; postMessage(message: ValidationResponse): void };
scope.onmessage = (event) => scope.postMessage({ id: event.data.id, issues: validateConfig(event.data.config, event.data.stored) });
