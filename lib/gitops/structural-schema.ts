/**
 * Converts the JSON Schema that zod 4 writes (`z.toJSONSchema`) into a Kubernetes *structural* OpenAPI
 * v3 schema, so the apiserver can check types at apply time and `kubectl explain` can show the fields.
 *
 * Structural schemas forbid what JSON Schema uses for unions (a `type` inside anyOf/oneOf, `$ref`,
 * `not`), so unions are folded into one node:
 * - variants that are all objects merge their properties (a stage is every stage type's fields);
 * - `X | null` is `nullable: true`;
 * - integer | string is `x-kubernetes-int-or-string`;
 * - anything else mixed (a number or a `${…}` expression) keeps any value
 *   (`x-kubernetes-preserve-unknown-fields`), and Foresail's own validator judges it.
 * Objects that keep unknown keys in the model (zod `looseObject`, Spinnaker's open model) keep them
 * here too; closed ones are pruned like zod strips them. Defaults are not copied: Foresail applies
 * them itself, so the stored resource stays as its author wrote it.
 */

export type JsonSchema = Record<string, unknown>;

export interface StructuralSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  additionalProperties?: StructuralSchema;
  items?: StructuralSchema;
  enum?: (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-int-or-string'?: true;
}

const ANY: StructuralSchema = { 'x-kubernetes-preserve-unknown-fields': true };
const MAX_REF_DEPTH = 4;

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(node: JsonSchema): string | undefined {
  const title = typeof node.title === 'string' ? node.title : undefined;
  const description = typeof node.description === 'string' ? node.description : undefined;
  if (title && description) return `${title}: ${description}`;
  return title ?? description;
}

class Converter {
  constructor(private readonly root: JsonSchema) {}

  private deref(node: JsonSchema, refs: string[]): { node: JsonSchema; refs: string[] } | undefined {
    let current = node;
    let seen = refs;
    while (typeof current.$ref === 'string') {
      const ref = current.$ref;
      // A recursive model cannot be written structurally: the recursion keeps any value.
      if (seen.filter((r) => r === ref).length >= 1 || seen.length >= MAX_REF_DEPTH) return undefined;
      const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
      const defs = match ? this.root[match[1] ?? ''] : undefined;
      const target = isObject(defs) ? defs[match?.[2] ?? ''] : ref === '#' ? this.root : undefined;
      if (!isObject(target)) return undefined;
      const { $ref: _ref, ...rest } = current;
      current = { ...target, ...rest };
      seen = [...seen, ref];
    }
    return { node: current, refs: seen };
  }

  /** The non-union alternatives a node stands for (unions flattened), and whether null is one of them. */
  private variants(node: JsonSchema, refs: string[]): { variants: { node: JsonSchema; refs: string[] }[]; nullable: boolean; any: boolean } {
    const resolved = this.deref(node, refs);
    if (!resolved) return { variants: [], nullable: false, any: true };
    const n = resolved.node;
    const union = Array.isArray(n.anyOf) ? n.anyOf : Array.isArray(n.oneOf) ? n.oneOf : undefined;
    if (union) {
      const out = { variants: [] as { node: JsonSchema; refs: string[] }[], nullable: n.nullable === true, any: false };
      for (const member of union) {
        if (!isObject(member)) continue;
        const inner = this.variants(member, resolved.refs);
        out.variants.push(...inner.variants);
        out.nullable ||= inner.nullable;
        out.any ||= inner.any;
      }
      return out;
    }
    if (Array.isArray(n.type)) {
      const types = n.type.filter((t): t is string => typeof t === 'string');
      return {
        variants: types.filter((t) => t !== 'null').map((t) => ({ node: { ...n, type: t }, refs: resolved.refs })),
        nullable: types.includes('null'),
        any: false,
      };
    }
    if (n.type === 'null') return { variants: [], nullable: true, any: false };
    if (n.type === undefined && n.const === undefined && n.enum === undefined && n.properties === undefined) return { variants: [], nullable: false, any: true };
    return { variants: [resolved], nullable: n.nullable === true, any: false };
  }

  convert(node: JsonSchema, refs: string[] = []): StructuralSchema {
    const description = describe(this.deref(node, refs)?.node ?? node);
    const { variants, nullable, any } = this.variants(node, refs);
    const merged = any || variants.length === 0 ? { ...ANY } : this.merge(variants);
    if (description) merged.description = description;
    // A node that keeps any value already accepts null.
    if (nullable && merged.type) merged.nullable = true;
    return merged;
  }

  private merge(variants: { node: JsonSchema; refs: string[] }[]): StructuralSchema {
    const types = new Set(variants.map((v) => typeOf(v.node)));
    if (types.size === 1) {
      const [type] = types;
      if (type === 'object') return this.mergeObjects(variants);
      if (type === 'array') return this.mergeArrays(variants);
      if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return mergeScalars(type, variants.map((v) => v.node));
      return { ...ANY };
    }
    if (types.size === 2 && types.has('integer') && types.has('number')) return mergeScalars('number', variants.map((v) => v.node));
    if (types.size === 2 && types.has('integer') && types.has('string')) return { 'x-kubernetes-int-or-string': true };
    return { ...ANY };
  }

  private mergeObjects(variants: { node: JsonSchema; refs: string[] }[]): StructuralSchema {
    const byKey = new Map<string, { node: JsonSchema; refs: string[] }[]>();
    const records: { node: JsonSchema; refs: string[] }[] = [];
    let open = false;
    let requiredEverywhere: Set<string> | undefined;
    for (const { node, refs } of variants) {
      const properties = isObject(node.properties) ? node.properties : {};
      for (const [key, schema] of Object.entries(properties)) {
        if (!isObject(schema)) continue;
        byKey.set(key, [...(byKey.get(key) ?? []), { node: schema, refs }]);
      }
      const additional = node.additionalProperties;
      // zod writes `{}` (or true) for a loose object and a schema for a record's values.
      if (additional === true || (isObject(additional) && Object.keys(additional).length === 0)) open = true;
      else if (isObject(additional)) {
        if (Object.keys(properties).length > 0) open = true;
        else records.push({ node: additional, refs });
      }
      const required = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
      requiredEverywhere = requiredEverywhere ? new Set([...requiredEverywhere].filter((r) => required.has(r))) : required;
    }
    // A structural schema cannot hold both named properties and a schema for the other keys.
    if (records.length > 0 && byKey.size > 0) return { type: 'object', ...ANY };
    if (records.length > 0) {
      const values = this.convertUnion(records);
      return { type: 'object', additionalProperties: values };
    }
    const properties: Record<string, StructuralSchema> = {};
    for (const [key, schemas] of byKey) properties[key] = this.convertUnion(schemas);
    const out: StructuralSchema = { type: 'object' };
    if (byKey.size > 0) out.properties = properties;
    const required = [...(requiredEverywhere ?? [])].filter((r) => byKey.has(r));
    if (required.length > 0) out.required = required;
    if (open || byKey.size === 0) out['x-kubernetes-preserve-unknown-fields'] = true;
    return out;
  }

  private mergeArrays(variants: { node: JsonSchema; refs: string[] }[]): StructuralSchema {
    const items = variants.flatMap(({ node, refs }) => (isObject(node.items) ? [{ node: node.items, refs }] : []));
    const out: StructuralSchema = { type: 'array', items: items.length === variants.length ? this.convertUnion(items) : { ...ANY } };
    if (variants.length === 1) copyNumbers(variants[0]?.node ?? {}, out, ['minItems', 'maxItems']);
    return out;
  }

  /** Several schemas that one value may match (the same property in different variants). */
  private convertUnion(schemas: { node: JsonSchema; refs: string[] }[]): StructuralSchema {
    if (schemas.length === 1) {
      const [only] = schemas;
      return only ? this.convert(only.node, only.refs) : { ...ANY };
    }
    const description = schemas.map((s) => describe(s.node)).find(Boolean);
    return this.convert({ anyOf: schemas.map((s) => s.node), ...(description ? { description } : {}) }, schemas[0]?.refs ?? []);
  }
}

function typeOf(node: JsonSchema): string {
  if (typeof node.type === 'string') return node.type;
  const literals = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : [];
  const kinds = new Set(literals.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
  if (kinds.size === 1) return [...kinds][0] ?? 'unknown';
  if (isObject(node.properties)) return 'object';
  return 'unknown';
}

function copyNumbers(from: JsonSchema, to: StructuralSchema, keys: ('minimum' | 'maximum' | 'minItems' | 'maxItems' | 'minLength' | 'maxLength')[]): void {
  for (const key of keys) if (typeof from[key] === 'number') to[key] = from[key];
}

function mergeScalars(type: 'string' | 'number' | 'integer' | 'boolean', nodes: JsonSchema[]): StructuralSchema {
  const out: StructuralSchema = { type };
  const literals = nodes.map((n) => (Array.isArray(n.enum) ? n.enum : n.const !== undefined ? [n.const] : undefined));
  // Choices are kept only when every variant is a choice (a free-text variant accepts anything).
  if (type !== 'boolean' && literals.every((l) => l !== undefined)) {
    out.enum = [...new Set(literals.flat().filter((v): v is string | number => typeof v === 'string' || typeof v === 'number'))];
  }
  if (nodes.length === 1) copyNumbers(nodes[0] ?? {}, out, ['minimum', 'maximum', 'minLength', 'maxLength']);
  return out;
}

/** The structural form of a JSON Schema document (its `$defs` resolved). */
export function toStructuralSchema(jsonSchema: JsonSchema): StructuralSchema {
  return new Converter(jsonSchema).convert(jsonSchema);
}
