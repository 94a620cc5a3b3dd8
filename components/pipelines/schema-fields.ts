import { z } from 'zod';
import { stageConfigSchemas, type KnownStageType } from '@/lib/pipeline/schema/stages';
import { triggerSchemas, type KnownTriggerType } from '@/lib/pipeline/schema/triggers';
import { fieldLabel } from './field-labels';

/**
 * Form fields read from the same zod schemas the API validates with, so a form cannot drift from
 * the model. The config kit's fields (numbers, booleans and choices that may hold `${…}`) are
 * recognised by the description the kit gives them; everything the renderer cannot show as a plain
 * control falls back to a YAML text area.
 */
interface Base {
  key: string;
  label: string;
  required: boolean;
  hint?: string;
}

type FieldKind =
  | { kind: 'text' | 'boolean' | 'stringList' | 'map' | 'json' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'enum'; values: string[] }
  | { kind: 'object' | 'objectList'; fields: FieldSpec[] };

export type FieldSpec = Base & FieldKind;

type Schema = z.core.$ZodType;
type Kind = FieldKind & { hint?: string };

/** Record fields that hold text per key (shown as key/value rows); other records are free-form YAML. */
const TEXT_MAPS = new Set(['pipelineParameters', 'customHeaders', 'payloadConstraints']);
const MAX_DEPTH = 3;

const describe = (schema: Schema) => z.globalRegistry.get(schema)?.description;

function kitField(description: string): Kind | undefined {
  if (/^(whole number|number)\b/.test(description)) return { kind: 'number', integer: description.startsWith('whole'), hint: description };
  if (description.startsWith('true or false')) return { kind: 'boolean', hint: description };
  const choice = /^one of (.+?)(;|$)/.exec(description);
  if (choice?.[1]) return { kind: 'enum', values: choice[1].split(', '), hint: description };
  return undefined;
}

const isPrimitive = (schema: Schema) => schema instanceof z.core.$ZodString || schema instanceof z.core.$ZodNumber || schema instanceof z.core.$ZodBoolean || schema instanceof z.core.$ZodNull;

/** Peels optional/nullable/default and the `opt()` pipes; reports whether the field may be absent. */
function unwrap(schema: Schema): { inner: Schema; required: boolean; kit?: Kind } {
  let at = schema;
  let required = true;
  for (let i = 0; i < 10; i++) {
    const description = describe(at);
    const kit = description ? kitField(description) : undefined;
    if (kit) return { inner: at, required, kit };
    if (at instanceof z.core.$ZodOptional || at instanceof z.core.$ZodNullable || at instanceof z.core.$ZodDefault) {
      required = false;
      at = at._zod.def.innerType;
    } else if (at instanceof z.core.$ZodPipe) {
      at = at._zod.def.in;
    } else break;
  }
  return { inner: at, required };
}

function classify(key: string, schema: Schema, depth: number): Kind | undefined {
  const { inner, kit } = unwrap(schema);
  if (kit) return kit;
  if (inner instanceof z.core.$ZodLiteral) return undefined;
  if (inner instanceof z.core.$ZodString) return { kind: 'text' };
  if (inner instanceof z.core.$ZodUnion) return inner._zod.def.options.every(isPrimitive) ? { kind: 'text' } : { kind: 'json' };
  if (inner instanceof z.core.$ZodRecord) return TEXT_MAPS.has(key) ? { kind: 'map' } : { kind: 'json' };
  if (inner instanceof z.core.$ZodObject && depth < MAX_DEPTH) return { kind: 'object', fields: objectFields(inner, new Set(), depth + 1) };
  if (inner instanceof z.core.$ZodArray) {
    const element = unwrap(inner._zod.def.element).inner;
    if (element instanceof z.core.$ZodString) return { kind: 'stringList' };
    if (element instanceof z.core.$ZodObject && depth < MAX_DEPTH) return { kind: 'objectList', fields: objectFields(element, new Set(), depth + 1) };
  }
  return { kind: 'json' };
}

function objectFields(schema: z.core.$ZodObject, exclude: ReadonlySet<string>, depth: number): FieldSpec[] {
  return Object.entries(schema._zod.def.shape).flatMap(([key, field]): FieldSpec[] => {
    if (exclude.has(key)) return [];
    const kind = classify(key, field, depth);
    if (!kind) return [];
    return [{ ...kind, key, label: fieldLabel(key), required: unwrap(field).required }];
  });
}

/** The fields of an object schema (a stage or trigger type), minus `exclude`. */
export function describeFields(schema: Schema, exclude: ReadonlySet<string> = new Set()): FieldSpec[] {
  const { inner } = unwrap(schema);
  return inner instanceof z.core.$ZodObject ? objectFields(inner, exclude, 0) : [];
}

/** Fields every stage has; the common section of the stage form shows these (and JSON mode the rest). */
export const commonStageKeys: ReadonlySet<string> = new Set([
  'type', 'refId', 'requisiteStageRefIds', 'name', 'failPipeline', 'continuePipeline', 'completeOtherBranchesThenFail', 'stageEnabled',
  'restrictExecutionDuringTimeWindow', 'restrictedExecutionWindow', 'skipWindowText', 'overrideTimeout', 'stageTimeoutMs',
  'failOnFailedExpressions', 'sendNotifications', 'notifications', 'comments', 'skipExpressionEvaluation',
]);

const stageCache = new Map<KnownStageType, FieldSpec[]>();
export function stageFieldSpecs(type: KnownStageType): FieldSpec[] {
  let specs = stageCache.get(type);
  if (!specs) {
    specs = describeFields(stageConfigSchemas[type], commonStageKeys);
    stageCache.set(type, specs);
  }
  return specs;
}

const TRIGGER_BASE = new Set(['runAsUser', 'description']);
const triggerCache = new Map<KnownTriggerType, FieldSpec[]>();
export function triggerFieldSpecs(type: KnownTriggerType): FieldSpec[] {
  let specs = triggerCache.get(type);
  if (!specs) {
    // The type's own fields first; the ones every trigger has after them.
    const all = describeFields(triggerSchemas[type], new Set(['type', 'enabled', 'id', 'expectedArtifactIds']));
    specs = [...all.filter((s) => !TRIGGER_BASE.has(s.key)), ...all.filter((s) => TRIGGER_BASE.has(s.key))];
    triggerCache.set(type, specs);
  }
  return specs;
}
