import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureHelmBinary } from '../../lib/world/cluster/helm-build';

export const chartDir = path.join(import.meta.dirname, 'foresail');
export const examplesDir = path.join(import.meta.dirname, 'examples');

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Build progress goes to stderr: `npm run deploy:render > manifests.yaml` must hold only manifests,
// also on a fresh machine where the first call builds helm.
const buildLog = (line: string) => process.stderr.write(`[helm:build] ${line}\n`);

/** The pinned helm, built from its Go module into the cache on first use (minutes on 2 cores). */
export const helmBinary = () => ensureHelmBinary({ log: buildLog });

/** Runs the pinned helm (argv, no shell) and collects its output. */
export async function helm(args: readonly string[]): Promise<HelmResult> {
  const binary = await helmBinary();
  return new Promise((resolve, reject) => {
    // No kubeconfig: lint and template must not depend on (or touch) any cluster.
    const child = spawn(binary, args, { env: { ...process.env, KUBECONFIG: '/dev/null', HELM_CACHE_HOME: '/tmp/foresail-helm/cache', HELM_CONFIG_HOME: '/tmp/foresail-helm/config', HELM_DATA_HOME: '/tmp/foresail-helm/data' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface RenderOptions {
  release?: string;
  namespace?: string;
  valuesFiles?: string[];
  /** --set-string pairs (values that must stay strings, such as secrets). */
  set?: Record<string, string>;
  /** --set pairs (typed: numbers, booleans). */
  setTyped?: Record<string, string | number | boolean>;
}

export function templateArgs(options: RenderOptions = {}): string[] {
  return [
    'template',
    options.release ?? 'foresail',
    chartDir,
    '--namespace',
    options.namespace ?? 'foresail',
    // Hooks (the migration Job and its Secret) are part of what an install creates.
    ...(options.valuesFiles ?? []).flatMap((file) => ['-f', file]),
    ...Object.entries(options.set ?? {}).flatMap(([k, v]) => ['--set-string', `${k}=${v}`]),
    ...Object.entries(options.setTyped ?? {}).flatMap(([k, v]) => ['--set', `${k}=${String(v)}`]),
  ];
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** `helm template` → the rendered objects; throws with helm's message when rendering fails. */
export async function renderChart(options: RenderOptions = {}): Promise<{ yaml: string; objects: K8sObject[] }> {
  const result = await helm(templateArgs(options));
  if (result.code !== 0) throw new Error(result.stderr.trim() || `helm template exited with ${result.code}`);
  const objects = parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === 'object' && 'kind' in o);
  return { yaml: result.stdout, objects };
}
