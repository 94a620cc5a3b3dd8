/** Manual-trigger parameters: defaults filled in, required ones enforced, options respected (Gate + Orca). */

export interface ParameterSpec {
  name: string;
  default?: unknown;
  required?: boolean;
  hasOptions?: boolean;
  options?: { value?: unknown }[];
  label?: string;
}

export interface ResolvedParameters {
  parameters: Record<string, string>;
  errors: { path: string; message: string }[];
}

const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

export function resolveParameters(specs: ParameterSpec[], given: Record<string, unknown>): ResolvedParameters {
  const parameters: Record<string, string> = {};
  const errors: ResolvedParameters['errors'] = [];
  for (const [key, value] of Object.entries(given)) {
    const t = text(value);
    if (t !== undefined) parameters[key] = t;
  }
  for (const spec of specs) {
    const provided = parameters[spec.name];
    const value = provided !== undefined && provided !== '' ? provided : text(spec.default);
    if (value === undefined || value === '') {
      if (spec.required) errors.push({ path: `parameters.${spec.name}`, message: `${spec.label ?? spec.name} is required` });
      continue;
    }
    if (spec.hasOptions && Array.isArray(spec.options) && spec.options.length > 0) {
      const allowed = spec.options.map((o) => text(o.value)).filter((o): o is string => o !== undefined);
      if (!allowed.includes(value)) errors.push({ path: `parameters.${spec.name}`, message: `${spec.label ?? spec.name} must be one of ${allowed.join(', ')}` });
    }
    parameters[spec.name] = value;
  }
  return { parameters, errors };
}
