import 'server-only';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** What `helm template` is asked to render (Rosco's HelmBakeManifestRequest, files already decoded). */
export interface HelmTemplateRequest {
  /** The release name (Spinnaker's outputName). */
  release: string;
  /** The chart: a packaged chart (.tgz) as bytes, or the folder of an unpacked one (a chart in a git/repo checkout). */
  chart: Buffer | { folder: string };
  /** Values files, in order (later ones win, as with repeated `--values`). */
  values: readonly string[];
  namespace?: string;
  overrides: Readonly<Record<string, unknown>>;
  /** `--set` (helm types the values) instead of `--set-string` (every value a string), as Spinnaker's rawOverrides. */
  rawOverrides: boolean;
  includeCRDs: boolean;
  apiVersions?: string;
  kubeVersion?: string;
}

export type HelmTemplateResult = { ok: true; manifests: string } | { ok: false; error: string };

/** Rendering a chart takes well under a second; a minute means something is wrong (a huge chart, a stuck disk). */
export const HELM_TIMEOUT_MS = 60_000;
/** More rendered YAML than this is no release a stage should pass around as an artifact (stage outputs are stored as JSON). */
export const HELM_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
const MAX_ERROR_CHARS = 2_000;

/** One `--set`/`--set-string` entry: Spinnaker passes `key=value`, with the value's text (objects as JSON). */
function overrideText(key: string, value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  return `${key}=${text}`;
}

/** helm's arguments (no shell): `helm template RELEASE CHART` with Rosco's flags for HELM3. */
export function helmTemplateArgs(request: Omit<HelmTemplateRequest, 'chart' | 'values'>, chartPath: string, valuesPaths: readonly string[]): string[] {
  const setFlag = request.rawOverrides ? '--set' : '--set-string';
  return [
    'template',
    request.release,
    chartPath,
    ...(request.namespace ? ['--namespace', request.namespace] : []),
    ...(request.includeCRDs ? ['--include-crds'] : []),
    ...(request.apiVersions ? ['--api-versions', request.apiVersions] : []),
    ...(request.kubeVersion ? ['--kube-version', request.kubeVersion] : []),
    ...valuesPaths.flatMap((file) => ['--values', file]),
    ...Object.entries(request.overrides).flatMap(([key, value]) => [setFlag, overrideText(key, value)]),
  ];
}

/** helm's own message without its "Error: " prefix and usage noise, bounded. */
function helmMessage(stderr: string, fallback: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Use --debug'));
  const text = (lines.join('; ') || fallback).replace(/^Error: /, '');
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/**
 * Runs `helm template` on the chart in a temporary folder (removed afterwards, also on failure), with
 * no kubeconfig and helm's cache/config homes inside that folder, so a bake never reads a cluster or
 * the host's helm repositories. Failures come back in words, with helm's own message.
 */
export async function helmTemplate(request: HelmTemplateRequest, options: { binary: string; signal?: AbortSignal; timeoutMs?: number }): Promise<HelmTemplateResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'foresail-bake-'));
  try {
    const chartPath = Buffer.isBuffer(request.chart) ? path.join(dir, 'chart.tgz') : request.chart.folder;
    if (Buffer.isBuffer(request.chart)) await fs.writeFile(chartPath, request.chart);
    const valuesPaths: string[] = [];
    for (const [i, values] of request.values.entries()) {
      const file = path.join(dir, `values-${i + 1}.yaml`);
      await fs.writeFile(file, values);
      valuesPaths.push(file);
    }
    const { binary } = options;
    const args = helmTemplateArgs(request, chartPath, valuesPaths);
    const env = { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: '/dev/null', HELM_CACHE_HOME: path.join(dir, 'cache'), HELM_CONFIG_HOME: path.join(dir, 'config'), HELM_DATA_HOME: path.join(dir, 'data') };
    return await new Promise<HelmTemplateResult>((resolve, reject) => {
      execFile(
        binary,
        args,
        { cwd: dir, env, timeout: options.timeoutMs ?? HELM_TIMEOUT_MS, maxBuffer: HELM_MAX_OUTPUT_BYTES, signal: options.signal, encoding: 'utf8', windowsHide: true },
        (err, stdout, stderr) => {
          if (!err) return resolve({ ok: true, manifests: stdout });
          // The worker is shutting down: not the chart's fault; the engine runs the stage again later.
          if (options.signal?.aborted) return reject(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
          if (err.code === 'ENOENT') return resolve({ ok: false, error: `helm could not be started: ${binary} was not found (configure bake.helmBinary, or FORESAIL_HELM_BINARY, with a Helm 3 binary)` });
          if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ok: false, error: `helm rendered more than ${HELM_MAX_OUTPUT_BYTES / 1024 / 1024} MiB of manifests, more than a bake may produce` });
          if (err.killed || err.signal) return resolve({ ok: false, error: `helm did not finish rendering the chart within ${(options.timeoutMs ?? HELM_TIMEOUT_MS) / 1000} s` });
          resolve({ ok: false, error: `helm could not render the chart: ${helmMessage(stderr, err.message)}` });
        },
      );
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
