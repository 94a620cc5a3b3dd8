import fs from 'node:fs/promises';
import path from 'node:path';
import { formatSeconds, run } from './build.ts';
import { withLock } from '../lock.ts';
import { cacheDir } from '../paths.ts';

/** A command built from a Go module pinned in `go/<name>` (go.mod/go.sum), e.g. helm or kustomize. */
export interface GoTool {
  /** The binary's name, and its folder under the cache (`<cache>/<name>/<versionKey>/<name>`). */
  name: string;
  /** The pinned module folder (lib/world/cluster/go/<name>). */
  moduleDir: string;
  /** The package `go build` builds. */
  pkg: string;
  version: string;
  /** Changes whenever a pin or a build flag does, so a changed pin builds anew. */
  versionKey: string;
  ldflags: string;
}

/**
 * Path of the tool's binary, building it first when its pinned version is not in the cache yet: the
 * same way as the control plane binaries (build.ts), under a lock, in a temporary folder renamed
 * into place, so concurrent callers (test workers, another clone) build it once.
 */
export async function ensureGoTool(tool: GoTool, opts: { log?: (line: string) => void } = {}): Promise<string> {
  const log = opts.log ?? ((line: string) => console.log(`[${tool.name}:build] ${line}`));
  const root = path.join(cacheDir(), tool.name);
  const binary = path.join(root, tool.versionKey, tool.name);
  if (await isExecutable(binary)) return binary;
  await fs.mkdir(root, { recursive: true });
  return withLock(
    path.join(root, `${tool.versionKey}.lock`),
    `building ${tool.name} ${tool.version}`,
    async () => {
      if (await isExecutable(binary)) return binary;
      const tmpDir = path.join(root, `.tmp-${tool.versionKey}-${process.pid}`);
      await fs.rm(tmpDir, { recursive: true, force: true });
      await fs.mkdir(tmpDir, { recursive: true });
      const started = Date.now();
      log(`go build ${tool.pkg}@${tool.version} (first build: a few minutes on 2 cores)`);
      try {
        await run('go', ['build', '-trimpath', '-ldflags', tool.ldflags, '-o', path.join(tmpDir, tool.name), tool.pkg], tool.moduleDir, log);
        await fs.rm(path.dirname(binary), { recursive: true, force: true });
        await fs.rename(tmpDir, path.dirname(binary));
      } catch (err) {
        await fs.rm(tmpDir, { recursive: true, force: true });
        throw err;
      }
      log(`${tool.name} ${tool.version} built in ${formatSeconds(Date.now() - started)}`);
      return binary;
    },
    { timeoutMs: 60 * 60_000, log },
  );
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
