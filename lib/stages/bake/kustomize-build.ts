import 'server-only';
import { execFile } from 'node:child_process';

export type KustomizeResult = { ok: true; manifests: string } | { ok: false; error: string };

/** Building a kustomization takes well under a second; a minute means something is wrong. */
export const KUSTOMIZE_TIMEOUT_MS = 60_000;
/** As for helm: more YAML than this is no artifact a stage should pass around. */
export const KUSTOMIZE_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
const MAX_ERROR_CHARS = 2_000;

/**
 * `kustomize build DIR`, with argv (no shell), HOME in `home` (a folder the caller removes), and the
 * network closed to it: every HTTP request goes to a proxy that is not there and git may use no
 * protocol, so a remote base that checkKustomizeSources missed fails instead of being fetched.
 */
export function kustomizeBuild(dir: string, options: { binary: string; home: string; signal?: AbortSignal; timeoutMs?: number }): Promise<KustomizeResult> {
  const env = {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH ?? '',
    HOME: options.home,
    XDG_CONFIG_HOME: options.home,
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '',
    GIT_ALLOW_PROTOCOL: 'none',
  };
  const timeoutMs = options.timeoutMs ?? KUSTOMIZE_TIMEOUT_MS;
  return new Promise<KustomizeResult>((resolve, reject) => {
    execFile(
      options.binary,
      ['build', '--load-restrictor', 'LoadRestrictionsRootOnly', dir],
      { cwd: dir, env, timeout: timeoutMs, maxBuffer: KUSTOMIZE_MAX_OUTPUT_BYTES, signal: options.signal, encoding: 'utf8', windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, manifests: stdout });
        // The worker is shutting down: not the kustomization's fault; the engine runs the stage again later.
        if (options.signal?.aborted) return reject(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
        if (err.code === 'ENOENT') return resolve({ ok: false, error: `kustomize could not be started: ${options.binary} was not found (configure bake.kustomizeBinary, or FORESAIL_KUSTOMIZE_BINARY, with a kustomize v5 binary)` });
        if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ok: false, error: `kustomize built more than ${KUSTOMIZE_MAX_OUTPUT_BYTES / 1024 / 1024} MiB of manifests, more than a bake may produce` });
        if (err.killed || err.signal) return resolve({ ok: false, error: `kustomize did not finish building within ${timeoutMs / 1000} s` });
        const text = (stderr.trim() || err.message).replace(/^Error: /, '').replaceAll(dir, '.');
        resolve({ ok: false, error: `kustomize could not build the kustomization: ${text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text}` });
      },
    );
  });
}
