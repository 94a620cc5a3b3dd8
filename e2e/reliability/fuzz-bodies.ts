import fc from 'fast-check';

/**
 * Request bodies for the R5 fuzzer: near-valid mutations of a route's valid seed body (most of
 * them, so validation deep inside a pipeline or a canary config is reached), arbitrary JSON, and
 * bytes that are not JSON at all. Mutations are data (path index, operation, value), applied to
 * the seed when the request is sent, so a seed and a run number reproduce the exact body.
 */
export type Mutation = { at: number; op: 'delete' | 'replace' | 'add' | 'wrap' | 'retype' | 'empty'; key: string; value: unknown };

export type BodyPlan =
  | { kind: 'mutated'; mutations: Mutation[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string };

const nasty = fc.oneof(
  fc.constantFrom(null, '', ' ', 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, [], {}, '${', '${#this.getClass()}', '${T(java.lang.Runtime)}', "${'a'.repeat(99)}", '__proto__', 'x'.repeat(5000), '\u0000', '\uD800', '😀', '../../etc/passwd', '<script>', 'NaN', '1e999', '2026-13-45T99:99:99Z', 'PT-1H'),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);
const keys = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'name', 'type', 'stages', 'expectedVersion', 'application', 'roles', ''), fc.string({ maxLength: 12 }));

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add', 'wrap', 'retype', 'empty'),
  key: keys,
  value: nasty,
});

const notJson = fc.oneof(
  fc.constantFrom('', ' ', '{', '{"a":', '[1,2', 'null', 'true', '"text"', '{"a":1}{"b":2}', '\uFEFF{}', 'NaN', '{"__proto__":{"polluted":1}}', '[]'.repeat(3000), `${'['.repeat(5000)}${']'.repeat(5000)}`),
  fc.string({ maxLength: 200, unit: 'binary' }),
);

export const bodyPlan: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 14, arbitrary: fc.array(mutation, { minLength: 0, maxLength: 3 }).map((mutations): BodyPlan => ({ kind: 'mutated', mutations })) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): BodyPlan => ({ kind: 'json', value })) },
  {
    weight: 2,
    arbitrary: fc.record({ text: notJson, contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', '') }).map((r): BodyPlan => ({ kind: 'raw', ...r })),
  },
);

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Every [parent, key] in a value, the root first (as [undefined, undefined]). */
function slots(root: unknown): [Container | undefined, string | number | undefined][] {
  const out: [Container | undefined, string | number | undefined][] = [[undefined, undefined]];
  const walk = (value: unknown) => {
    if (!isContainer(value)) return;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [k, v] of entries) {
      out.push([value, k]);
      walk(v);
    }
  };
  walk(root);
  return out;
}

function retype(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return value[0] ?? {};
  return value === null ? 'null' : JSON.stringify(value);
}

/** Applies mutations to a copy of `seed`. */
export function mutate(seed: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(seed);
  for (const m of mutations) {
    const all = slots(root);
    const [parent, key] = all[m.at % all.length] ?? [undefined, undefined];
    const current = parent === undefined || key === undefined ? root : (parent as Record<string | number, unknown>)[key];
    let next: unknown = current;
    switch (m.op) {
      case 'delete':
        if (parent && key !== undefined) {
          if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
          else Reflect.deleteProperty(parent, String(key));
          continue;
        }
        next = undefined;
        break;
      case 'replace':
        next = m.value;
        break;
      case 'add':
        if (isContainer(current) && !Array.isArray(current)) Object.defineProperty(current, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        else if (Array.isArray(current)) current.push(m.value);
        continue;
      case 'wrap':
        next = [current];
        break;
      case 'retype':
        next = retype(current);
        break;
      case 'empty':
        next = Array.isArray(current) ? [] : isContainer(current) ? {} : typeof current === 'string' ? '' : null;
        break;
    }
    if (parent && key !== undefined) (parent as Record<string | number, unknown>)[key] = next;
    else root = next;
  }
  return root;
}

/** The bytes and content type to send for a plan, given the route's valid seed body. */
export function renderBody(plan: BodyPlan, seed: unknown): { text: string | undefined; contentType: string } {
  if (plan.kind === 'raw') return { text: plan.text, contentType: plan.contentType };
  const value = plan.kind === 'json' ? plan.value : mutate(seed, plan.mutations);
  return { text: value === undefined ? undefined : JSON.stringify(value), contentType: 'application/json' };
}
