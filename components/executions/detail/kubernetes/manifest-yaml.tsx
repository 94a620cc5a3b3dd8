import { stringify } from 'yaml';

/** The manifests as the cluster stored them at apply time, as YAML (what kubectl users read). */
export function ManifestYaml({ manifests }: { manifests: Record<string, unknown>[] }) {
  const text = manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
  return (
    <pre aria-label="Applied manifests" className="max-h-[60vh] overflow-auto rounded-md border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed">
      {text}
    </pre>
  );
}
