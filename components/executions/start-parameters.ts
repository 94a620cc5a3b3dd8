import { parameterSchema } from '@/lib/pipeline/schema/parameters';

/** One field of the start form, from a `parameterConfig` entry. */
export interface StartParameter {
  name: string;
  label: string;
  description?: string;
  defaultValue: string;
  required: boolean;
  /** Allowed values (a select); null for free text. */
  options: string[] | null;
  pinned: boolean;
}

/** The start form's fields; entries that are not valid parameter configs are left out. */
export function startParameters(parameterConfig: unknown): StartParameter[] {
  if (!Array.isArray(parameterConfig)) return [];
  return parameterConfig.flatMap((entry: unknown) => {
    const parsed = parameterSchema.safeParse(entry);
    if (!parsed.success || !parsed.data.name) return [];
    const p = parsed.data;
    const options = p.hasOptions && p.options?.length ? p.options.map((o) => o.value) : null;
    return [{ name: p.name, label: p.label || p.name, description: p.description || undefined, defaultValue: p.default ?? '', required: p.required === true, options, pinned: p.pinned === true }];
  });
}

/** Client-side check before sending: required fields must have a value (the server checks again). */
export function missingRequired(fields: StartParameter[], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) if (f.required && !(values[f.name] ?? '').trim()) errors[f.name] = `${f.label} is required`;
  return errors;
}

export type ArtifactsInput = { ok: true; artifacts: Record<string, unknown>[] } | { ok: false; error: string };

/** The optional artifacts box: empty, or a JSON list of artifact objects (Spinnaker's shape). */
export function parseArtifacts(text: string): ArtifactsInput {
  if (!text.trim()) return { ok: true, artifacts: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${err instanceof Error ? err.message : 'syntax error'}` };
  }
  if (!Array.isArray(value)) return { ok: false, error: 'Enter a JSON list, e.g. [{"type": "docker/image", "name": "shop/web", "reference": "shop/web:1.2"}]' };
  if (value.length > 100) return { ok: false, error: 'At most 100 artifacts' };
  const index = value.findIndex((a: unknown) => typeof a !== 'object' || a === null || Array.isArray(a));
  if (index >= 0) return { ok: false, error: `Artifact ${index + 1} must be an object with type, name and reference` };
  return { ok: true, artifacts: value as Record<string, unknown>[] };
}
