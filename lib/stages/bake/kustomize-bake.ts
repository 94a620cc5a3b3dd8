import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunStageOf } from '../../pipeline';
import type { ExecutionView, StageServices } from '../types';
import { boundInput, describeInput, unbound } from './inputs';
import { kustomizeBuild } from './kustomize-build';
import { checkKustomizeSources } from './kustomize-sources';

/**
 * The Kustomize renderer, as Rosco runs it: clone the git/repo input artifact (Deck's
 * `inputArtifact`; the first of `inputArtifacts` also works), then `kustomize build` the folder of
 * `kustomizeFilePath` (a path in the repository; a folder works too). Only the artifact's sub-path
 * is available to the build, and only files of the clone: remote bases are refused before kustomize runs.
 */
export async function bakeWithKustomize(config: RunStageOf<'bakeManifest'>, execution: ExecutionView, services: StageServices, signal: AbortSignal): Promise<{ ok: true; manifests: string } | { ok: false; error: string }> {
  const input = config.inputArtifact ?? config.inputArtifacts?.[0];
  if (!input) return { ok: false, error: 'The stage names no repository to build (inputArtifact)' };
  const artifact = boundInput(execution, input);
  if (!artifact) return { ok: false, ...unbound(input) };
  if (artifact.type !== 'git/repo') return { ok: false, error: `The ${describeInput(input)} is a ${String(artifact.type ?? 'unknown')} artifact; a Kustomize bake builds from a git/repo artifact` };
  const filePath = (config.kustomizeFilePath ?? '').trim();
  if (filePath === '') return { ok: false, error: 'The stage names no kustomization file to build (kustomizeFilePath)' };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'foresail-kustomize-'));
  try {
    const checkout = await services.checkoutArtifact(artifact, describeInput(input), dir);
    if ('error' in checkout) return { ok: false, error: checkout.error };
    const target = path.resolve(checkout.root, filePath.replace(/^\/+/, ''));
    const isFolder = await fs.stat(target).then((s) => s.isDirectory(), () => undefined);
    if (isFolder === undefined) return { ok: false, error: `The repository has no ${filePath} (kustomizeFilePath)` };
    const folder = isFolder ? target : path.dirname(target);
    const area = checkout.path;
    if (folder !== area && !folder.startsWith(`${area}${path.sep}`)) return { ok: false, error: `${filePath} (kustomizeFilePath) is outside the artifact's sub-path` };
    const problem = await checkKustomizeSources(area, folder);
    if (problem) return { ok: false, error: `The kustomization cannot be built: ${problem}` };
    const home = path.join(dir, 'home');
    await fs.mkdir(home);
    return await kustomizeBuild(folder, { binary: services.kustomizeBinary(), home, signal });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
