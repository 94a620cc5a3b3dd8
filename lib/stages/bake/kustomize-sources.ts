import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/** The names kustomize reads a kustomization from, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Entries that are inline YAML (patches, generator configs) rather than a path. */
const isInline = (entry: string) => entry.includes('\n');

/** The kustomization file of a folder, if it has one. */
async function kustomizationIn(dir: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    try {
      if ((await fs.stat(path.join(dir, name))).isFile()) return path.join(dir, name);
    } catch {
      // Not this name.
    }
  }
  return undefined;
}

/** Every path a kustomization names: [field, entry]. Resource-like entries may be folders with kustomizations of their own. */
function pathsOf(k: Loose): { field: string; entry: string; nested: boolean }[] {
  const found: { field: string; entry: string; nested: boolean }[] = [];
  for (const field of ['resources', 'bases', 'components']) for (const entry of strings(k[field])) found.push({ field, entry, nested: true });
  for (const field of ['crds', 'configurations', 'generators', 'transformers', 'validators', 'patchesStrategicMerge']) {
    for (const entry of strings(k[field])) if (!isInline(entry)) found.push({ field, entry, nested: false });
  }
  for (const field of ['patches', 'patchesJson6902']) {
    for (const patch of Array.isArray(k[field]) ? k[field] : []) if (isObject(patch) && typeof patch.path === 'string') found.push({ field, entry: patch.path, nested: false });
  }
  if (isObject(k.openapi) && typeof k.openapi.path === 'string') found.push({ field: 'openapi', entry: k.openapi.path, nested: false });
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of Array.isArray(k[field]) ? k[field] : []) {
      if (!isObject(generator)) continue;
      const files = [...strings(generator.files).map((f) => f.slice(f.indexOf('=') + 1)), ...strings(generator.envs), ...(typeof generator.env === 'string' ? [generator.env] : [])];
      for (const entry of files) found.push({ field, entry, nested: false });
    }
  }
  return found;
}

/**
 * Checks that the kustomization in `dir` (and every one it builds on) names only files and folders
 * inside `root`. kustomize itself would fetch a remote base (a git URL, an https URL) with its own
 * HTTP client and git, past the egress policy, and would read a `../../` path outside the clone:
 * Foresail builds only from the repository the artifact names. Undefined when all is well.
 */
export async function checkKustomizeSources(root: string, dir: string): Promise<string | undefined> {
  const inside = (p: string) => p === root || p.startsWith(`${root}${path.sep}`);
  const seen = new Set<string>();
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    if (seen.has(current)) continue;
    seen.add(current);
    const file = await kustomizationIn(current);
    const shown = path.relative(root, file ?? current) || '.';
    if (!file) return `${shown} has no kustomization file (${KUSTOMIZATION_FILES.join(', ')})`;
    let parsed: unknown;
    try {
      parsed = parse(await fs.readFile(file, 'utf8'));
    } catch (err) {
      return `${shown} is not valid YAML: ${(err instanceof Error ? err.message : String(err)).split('\n')[0] ?? ''}`;
    }
    if (!isObject(parsed)) return `${shown} is not a kustomization (not a YAML mapping)`;
    if (Array.isArray(parsed.helmCharts) && parsed.helmCharts.length > 0) return `${shown} inflates Helm charts (helmCharts), which would download them; bake the chart with the HELM3 renderer instead`;
    for (const { field, entry, nested } of pathsOf(parsed)) {
      const target = path.resolve(current, entry);
      let stat: Awaited<ReturnType<typeof fs.stat>> | undefined;
      if (inside(target)) stat = await fs.stat(target).catch(() => undefined);
      if (!stat) return `${shown} names "${entry}" in ${field}, which is not a file or folder of the repository${inside(target) ? '' : ' (it is outside the artifact)'}; Foresail builds only from the repository's own files (remote bases are not fetched)`;
      if (nested && stat.isDirectory()) pending.push(target);
    }
  }
  return undefined;
}
