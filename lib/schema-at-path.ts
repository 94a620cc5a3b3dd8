import { z } from 'zod';

/**
 * Finds the schemas that describe one field of a parsed value (by the path), so an error
 * can say what that field wants: its `.meta({ description, examples })` and, for an object, the
 * fields it has. Walks zod's definitions (objects, records, arrays, tuples, unions, intersections)
 * through wrappers (optional, default, pipe, preprocess, lazy). Isomorphic.
 */

export interface FieldHelp {
  description?: string;
  example?: unknown;
}

/** A field's description and first example, from `.meta()` on any of the schemas at its path. */
export function helpAt(chain: readonly z.core.$ZodType[]): FieldHelp {
  const help: FieldHelp = {};
  for (const schema of chain) {
    const meta = z.globalRegistry.get(schema);
    if (!meta) continue;
    help.description ??= typeof meta.description === 'string' ? meta.description : undefined;
    if (help.example === undefined && Array.isArray(meta.examples) && meta.examples.length > 0) help.example = meta.examples[0];
  }
  return help;
}

/** The fields an object schema at a path has (to name them when an unknown one is sent). */
export function knownKeysAt(chain: readonly z.core.$ZodType[]): string[] {
  for (const schema of chain) {
    const def = defOf(schema);
    if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  }
  return [];
}

/** The loose view of a zod definition this module walks (zod's own def types are a union per schema kind). */
interface WalkDef {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  items?: z.core.$ZodType[];
  left?: z.core.$ZodType;
  right?: z.core.$ZodType;
  getter?: () => z.core.$ZodType;
}

function defOf(schema: z.core.$ZodType): WalkDef {
  return schema._zod.def as unknown as WalkDef;
}

const MAX_UNWRAP = 32;

/** `schema` and the schemas it wraps (optional, default, both ends of a pipe or preprocess, lazy, …), outermost first. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  const chain = [schema];
  for (let i = 0; i < chain.length && chain.length < MAX_UNWRAP; i++) {
    const current = chain[i];
    if (!current) break;
    const def = defOf(current);
    const wrapped = [def.innerType, def.in, def.out, def.type === 'lazy' ? def.getter?.() : undefined];
    for (const inner of wrapped) if (inner && !chain.includes(inner)) chain.push(inner);
  }
  return chain;
}

/** The schemas that describe the value at `path` (empty when the path leaves what the schema describes). */
export function schemasAt(root: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  let chain = unwrap(root);
  for (const key of path) {
    const next = chain.map((schema) => child(schema, key)).find((found) => found !== undefined);
    if (!next) return [];
    chain = unwrap(next);
  }
  return chain;
}

function child(schema: z.core.$ZodType, key: PropertyKey): z.core.$ZodType | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return typeof key === 'string' && def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    case 'record':
      return def.valueType;
    case 'array':
      return typeof key === 'number' ? def.element : undefined;
    case 'tuple':
      return typeof key === 'number' ? def.items?.[key] : undefined;
    case 'union':
      return def.options?.map((option) => unwrap(option).map((s) => child(s, key)).find(Boolean)).find(Boolean);
    case 'intersection':
      return [def.left, def.right].map((side) => (side ? unwrap(side).map((s) => child(s, key)).find(Boolean) : undefined)).find(Boolean);
    default:
      return undefined;
  }
}
