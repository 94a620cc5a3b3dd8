import { z } from 'zod';
import { templateIdPattern } from './reference';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A template variable (Orca's V2PipelineTemplate.Variable); `type` defaults to object (any value). */
export const templateVariableSchema = z.looseObject({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only'),
  type: z.string().optional(),
  defaultValue: z.unknown().optional(),
  description: z.string().optional(),
  example: z.string().optional(),
  nullable: z.boolean().optional(),
});
export type TemplateVariable = z.infer<typeof templateVariableSchema>;

/**
 * A Managed Pipeline Template v2 document as Front50 stores it: `schema: "v2"`, an `id`, metadata
 * with `scopes` (`global` or application names), typed variables, and the pipeline whose strings may
 * hold `${templateVariables.x}`. Unknown keys are kept.
 */
export const templateDocumentSchema = z.looseObject({
  id: z.string().regex(templateIdPattern, 'letters, digits, ".", "-" and "_" (at most 100), starting with a letter or digit'),
  schema: z.literal('v2', { error: 'must be "v2" (Foresail stores Managed Pipeline Templates v2 only)' }),
  metadata: z
    .looseObject({
      name: z.string().optional(),
      description: z.string().optional(),
      owner: z.string().optional(),
      scopes: z.array(z.string().trim().min(1)).optional(),
    })
    .optional(),
  protect: z.boolean().optional(),
  variables: z.array(templateVariableSchema).optional(),
  pipeline: z.record(z.string(), z.unknown(), { error: 'must be the templated pipeline (an object with its stages)' }).refine((p) => Array.isArray(p.stages), 'must have a stages list'),
});
export type TemplateDocument = z.infer<typeof templateDocumentSchema>;

/** Scopes as Front50 lists them; none means global. Lower-cased: Front50 matches them regardless of case. */
export function templateScopes(document: Pick<TemplateDocument, 'metadata'>): string[] {
  const scopes = (document.metadata?.scopes ?? []).map((s) => s.toLowerCase());
  return scopes.length === 0 ? ['global'] : [...new Set(scopes)];
}

/** Whether the JSON is a template document rather than a (templated) pipeline. */
export function isTemplateDocument(raw: unknown): boolean {
  return isRecord(raw) && String(raw.schema) === 'v2' && isRecord(raw.pipeline) && !('stages' in raw);
}

// Front50 leaves its own accounting out of the digest, so saving the same content twice is one version.
const undigestedKeys = new Set(['digest', 'tag', 'lastModified', 'lastModifiedBy', 'updateTs']);

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

/** The text Front50 hashes for a template's digest: keys sorted at every depth, no whitespace. */
export function canonicalTemplateJson(document: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(document).filter(([key]) => !undigestedKeys.has(key)));
  return JSON.stringify(sortKeys(content));
}

/** Whether a JSON value nests deeper than `max` (checked without recursion, before anything recursive reads it). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() ?? [undefined, 0];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
