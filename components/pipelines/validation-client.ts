import type { ValidationIssue } from '@/lib/pipeline/issues';
import type { ValidationRequest, ValidationResponse } from './validation.worker';

/**
 * Validation off the main thread: a Web Worker loads zod and the pipeline schemas while the page
 * hydrates, so the editor's first paint and inputs do not wait for them. Where no worker can run
 * (or it fails), the same function runs on the main thread instead.
 */
const WORKER_PATIENCE_MS = 4000;
let worker: Worker | undefined;
let failed = false;
let next = 0;
const pending = new Map<number, { config: unknown; stored: unknown; resolve: (issues: ValidationIssue[]) => void }>();

const onMainThread = (config: unknown, stored: unknown) => import('./validate-config').then((m) => m.validateConfig(config, stored));

function start(): Worker | undefined {
  if (worker || failed || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module', name: 'pipeline-validation' });
  } catch {
    failed = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<ValidationResponse>) => {
    pending.get(event.data.id)?.resolve(event.data.issues);
    pending.delete(event.data.id);
  };
  worker.onerror = () => {
    failed = true;
    worker?.terminate();
    worker = undefined;
    for (const [id, job] of pending) {
      pending.delete(id);
      void onMainThread(job.config, job.stored).then(job.resolve);
    }
  };
  return worker;
}

/** Starts loading the worker early (the editor module calls this when it loads in the browser). */
export function preloadValidation(): void {
  start();
}

/** The same checks a save runs on the server (minus lookups), without blocking the page; `stored`: the version it is based on. */
export function validateInBackground(config: unknown, stored?: unknown): Promise<ValidationIssue[]> {
  const w = start();
  if (!w) return onMainThread(config, stored);
  return new Promise((resolve) => {
    const id = ++next;
    // A worker that never answers (still loading on a starved machine, or wedged) must not leave
    // the editor waiting: after a while the main thread answers instead, and a late reply is ignored.
    const fallback = setTimeout(() => {
      if (!pending.delete(id)) return;
      void onMainThread(config, stored).then(resolve);
    }, WORKER_PATIENCE_MS);
    pending.set(id, {
      config,
      stored,
      resolve: (issues) => {
        clearTimeout(fallback);
        resolve(issues);
      },
    });
    w.postMessage({ id, config, stored } satisfies ValidationRequest);
  });
}
