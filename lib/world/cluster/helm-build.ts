import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureGoTool } from './go-tool-build.ts';
import { goModulesDir } from './paths.ts';

/**
 * Helm v3, built from the Go module pinned in `go/helm` (go.mod/go.sum) into
 * `<cache>/helm/<versionKey>/helm` (go-tool-build.ts), rebuilt only when a pin changes.
 */
const helmModuleDir = path.join(goModulesDir, 'helm');
const helmPackage = 'helm.sh/helm/v3/cmd/helm';

export async function helmVersion(): Promise<{ version: string; versionKey: string; ldflags: string }> {
  const goMod = await fs.readFile(path.join(helmModuleDir, 'go.mod'), 'utf8');
  const goSum = await fs.readFile(path.join(helmModuleDir, 'go.sum'), 'utf8');
  const version = goMod.match(/^\s*helm\.sh\/helm\/v3 (v\S+)/m)?.[1];
  const clientGo = goMod.match(/^\s*k8s\.io\/client-go v0\.(\d+)\./m)?.[1];
  if (!version || !clientGo) throw new Error(`No pinned helm.sh/helm/v3 or k8s.io/client-go version in ${helmModuleDir}/go.mod`);
  // As helm's Makefile does: its version, and the Kubernetes version `helm template` and `helm lint`
  // assume without a cluster (the client-go minor it is built with; otherwise v1.20).
  const ldflags = [
    '-s -w',
    `-X helm.sh/helm/v3/internal/version.version=${version}`,
    ...['pkg/lint/rules', 'pkg/chartutil'].flatMap((pkg) => [`-X helm.sh/helm/v3/${pkg}.k8sVersionMajor=1`, `-X helm.sh/helm/v3/${pkg}.k8sVersionMinor=${clientGo}`]),
  ].join(' ');
  const hash = createHash('sha256').update(`${goMod}\0${goSum}\0${ldflags}`).digest('hex').slice(0, 12);
  return { version, versionKey: `helm-${version}-${hash}`, ldflags };
}

/** Path of the helm binary, building it first when the pinned version is not in the cache yet. */
export async function ensureHelmBinary(opts: { log?: (line: string) => void } = {}): Promise<string> {
  return ensureGoTool({ name: 'helm', moduleDir: helmModuleDir, pkg: helmPackage, ...(await helmVersion()) }, opts);
}
