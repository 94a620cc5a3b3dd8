import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureGoTool } from './go-tool-build.ts';
import { goModulesDir } from './paths.ts';

/**
 * kustomize v5 (the standalone CLI Rosco runs for Spinnaker's KUSTOMIZE bakes), built from the Go
 * module pinned in `go/kustomize` into `<cache>/kustomize/<versionKey>/kustomize`, like helm.
 */
const kustomizeModuleDir = path.join(goModulesDir, 'kustomize');
const kustomizePackage = 'sigs.k8s.io/kustomize/kustomize/v5';

export async function kustomizeVersion(): Promise<{ version: string; versionKey: string; ldflags: string }> {
  const goMod = await fs.readFile(path.join(kustomizeModuleDir, 'go.mod'), 'utf8');
  const goSum = await fs.readFile(path.join(kustomizeModuleDir, 'go.sum'), 'utf8');
  const version = goMod.match(/^\s*sigs\.k8s\.io\/kustomize\/kustomize\/v5 (v\S+)/m)?.[1];
  if (!version) throw new Error(`No pinned sigs.k8s.io/kustomize/kustomize/v5 version in ${kustomizeModuleDir}/go.mod`);
  // As kustomize's release build does, so `kustomize version` names the pinned release.
  const ldflags = `-s -w -X sigs.k8s.io/kustomize/api/provenance.version=kustomize/${version}`;
  const hash = createHash('sha256').update(`${goMod}\0${goSum}\0${ldflags}`).digest('hex').slice(0, 12);
  return { version, versionKey: `kustomize-${version}-${hash}`, ldflags };
}

/** Path of the kustomize binary, building it first when the pinned version is not in the cache yet. */
export async function ensureKustomizeBinary(opts: { log?: (line: string) => void } = {}): Promise<string> {
  return ensureGoTool({ name: 'kustomize', moduleDir: kustomizeModuleDir, pkg: kustomizePackage, ...(await kustomizeVersion()) }, opts);
}
