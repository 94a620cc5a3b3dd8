import type { ValidationIssue } from '../issues';
import type { TemplateVariable } from './template-document';

const typeNames: Record<string, string> = { int: 'a whole number', float: 'a number', bool: 'true or false', boolean: 'true or false', list: 'a list', string: 'a string', object: 'any value' };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value === 'string' ? 'a string' : 'an object';
}

/** Orca's V2DefaultVariableAssignmentTransform checks, including its leniency: 4.0 is an int. */
function fitsType(type: string, value: unknown): boolean {
  switch (type.toLowerCase()) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number';
    case 'bool':
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    default:
      return true; // object (the default) and types Orca does not know accept any value
  }
}

/**
 * The values a templated pipeline runs with: its own `variables`, then the template's defaults.
 * A variable with neither (and not nullable) or of the wrong type is an error naming it, as Orca
 * refuses such a pipeline; a value for a variable the template does not declare is a warning.
 */
export function assignTemplateVariables(declared: readonly TemplateVariable[], given: Record<string, unknown>, templateId: string): { values: Record<string, unknown>; issues: ValidationIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const variable of declared) {
    const path = `variables.${variable.name}`;
    const has = Object.hasOwn(given, variable.name);
    const value = has ? given[variable.name] : variable.defaultValue;
    const type = variable.type ?? 'object';
    if (!has && variable.defaultValue === undefined && !variable.nullable) {
      issues.push({ path, message: `is required by template ${templateId} (type ${type}${variable.description ? `: ${variable.description}` : ''}) and it has no default value; set it in "variables"`, severity: 'error' });
      continue;
    }
    if ((value === null || value === undefined) && !variable.nullable) {
      issues.push({ path, message: `is null, but template ${templateId} does not allow null for it`, severity: 'error' });
      continue;
    }
    if (value !== null && value !== undefined && !fitsType(type, value)) {
      issues.push({ path, message: `must be ${typeNames[type.toLowerCase()] ?? type} (template ${templateId} declares type ${type}), but it is ${describeValue(value)}`, severity: 'error' });
      continue;
    }
    values[variable.name] = value ?? null;
  }
  const known = new Set(declared.map((v) => v.name));
  for (const name of Object.keys(given).filter((n) => !known.has(n))) {
    issues.push({ path: `variables.${name}`, message: `is not a variable of template ${templateId}, so nothing uses it`, severity: 'warning' });
  }
  return { values, issues };
}

const whole = /^\$\{\s*templateVariables(?:\.([A-Za-z0-9_-]+)|\[\s*'([A-Za-z0-9_-]+)'\s*\])\s*\}$/;
const embedded = /\$\{\s*templateVariables(?:\.([A-Za-z0-9_-]+)|\[\s*'([A-Za-z0-9_-]+)'\s*\])\s*\}/g;

/**
 * Replaces plain references to template variables: a string that is only `${templateVariables.x}`
 * becomes the value itself (a number stays a number, as SpEL's single-expression result does); a
 * reference inside a longer string becomes its text. Anything more complex is left for the run's
 * evaluator, which also sees `templateVariables`.
 */
export function renderTemplateVariables(value: unknown, values: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const match = whole.exec(value);
    const name = match ? (match[1] ?? match[2] ?? '') : undefined;
    if (name !== undefined && Object.hasOwn(values, name)) return values[name];
    return value.replace(embedded, (text: string, dotted: string | undefined, quoted: string | undefined) => {
      const key = dotted ?? quoted ?? '';
      if (!Object.hasOwn(values, key)) return text;
      const v = values[key];
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((item) => renderTemplateVariables(item, values));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderTemplateVariables(v, values)]));
  return value;
}
