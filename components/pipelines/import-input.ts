const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Pipelines in an import that name no application belong to the one importing them; a Dinghy
 * container's own application is left for the server to check.
 */
export function forApplication(input: unknown, application: string): unknown {
  const fill = (p: unknown) => (isRecord(p) && (p.application === undefined || p.application === null || p.application === '') ? { ...p, application } : p);
  if (Array.isArray(input)) return input.map(fill);
  if (isRecord(input) && Array.isArray(input.pipelines) && !('stages' in input)) return input;
  return fill(input);
}
