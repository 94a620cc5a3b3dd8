import type { ValidationIssue } from '../issues';

export type RawStage = Record<string, unknown> & { refId: string; requisiteStageRefIds: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

function asStage(raw: unknown, index: number): RawStage | undefined {
  if (!isRecord(raw)) return undefined;
  const refId = typeof raw.refId === 'string' || typeof raw.refId === 'number' ? String(raw.refId) : String(index + 1);
  return { ...raw, refId, requisiteStageRefIds: strings(raw.requisiteStageRefIds).map(String) };
}

export function templateStages(stages: unknown): RawStage[] {
  return (Array.isArray(stages) ? stages : []).map(asStage).filter((s): s is RawStage => s !== undefined);
}

/** Drops the listed stages; a stage that waited for one now waits for what that one waited for. */
export function excludeStages(stages: RawStage[], excluded: ReadonlySet<string>): RawStage[] {
  const requisitesOf = new Map(stages.map((s) => [s.refId, s.requisiteStageRefIds]));
  const expand = (ids: string[], seen = new Set<string>()): string[] =>
    ids.flatMap((id) => {
      if (!excluded.has(id)) return [id];
      if (seen.has(id)) return [];
      seen.add(id);
      return expand(requisitesOf.get(id) ?? [], seen);
    });
  return stages.filter((s) => !excluded.has(s.refId)).map((s) => ({ ...s, requisiteStageRefIds: [...new Set(expand(s.requisiteStageRefIds))] }));
}

interface InjectRule {
  first?: boolean;
  last?: boolean;
  before?: string[];
  after?: string[];
}

function injectRuleOf(value: unknown): InjectRule | undefined {
  if (!isRecord(value)) return undefined;
  const rule: InjectRule = { first: value.first === true, last: value.last === true, before: strings(value.before), after: strings(value.after) };
  return rule.first || rule.last || (rule.before?.length ?? 0) > 0 || (rule.after?.length ?? 0) > 0 ? rule : undefined;
}

/**
 * The pipeline's own stages on top of the template's (the stage injection of MPT v1, which Orca's
 * v2 renderer left commented out): same refId replaces the template's stage; `inject` with
 * `first`, `last`, `before: [refIds]` or `after: [refIds]` wires a new stage into the graph; any
 * other stage is added with its own requisiteStageRefIds.
 */
export function mergeConfigStages(base: RawStage[], own: unknown, report: (issue: ValidationIssue) => void): RawStage[] {
  let stages = base.map((s) => ({ ...s, requisiteStageRefIds: [...s.requisiteStageRefIds] }));
  const list = Array.isArray(own) ? own : [];
  list.forEach((raw, index) => {
    const stage = asStage(raw, base.length + index);
    const path = `stages[${index}]`;
    if (!stage) return report({ path, message: 'is not a stage (an object), so it was left out', severity: 'warning' });
    const { inject, ...rest } = stage;
    const rule = injectRuleOf(inject);
    const hasOwnRequisites = Array.isArray((raw as Record<string, unknown>).requisiteStageRefIds);
    const existing = stages.findIndex((s) => s.refId === stage.refId);
    if (!rule) {
      if (existing >= 0) {
        const replaced = stages[existing];
        stages[existing] = { ...rest, requisiteStageRefIds: hasOwnRequisites ? rest.requisiteStageRefIds : (replaced?.requisiteStageRefIds ?? []) };
      } else stages.push(rest);
      return;
    }
    if (existing >= 0) stages = stages.filter((s) => s.refId !== stage.refId);
    const known = new Set(stages.map((s) => s.refId));
    const targets = [...(rule.before ?? []), ...(rule.after ?? [])];
    const unknown = targets.find((t) => !known.has(t));
    if (unknown !== undefined) return report({ path: `${path}.inject`, message: `names stage "${unknown}", which the template's pipeline does not have`, severity: 'error' });
    const injected: RawStage = { ...rest, requisiteStageRefIds: [] };
    if (rule.first) {
      for (const s of stages) if (s.requisiteStageRefIds.length === 0) s.requisiteStageRefIds.push(injected.refId);
    } else if (rule.last) {
      const waitedFor = new Set(stages.flatMap((s) => s.requisiteStageRefIds));
      injected.requisiteStageRefIds = stages.filter((s) => !waitedFor.has(s.refId)).map((s) => s.refId);
    } else if (rule.before && rule.before.length > 0) {
      const before = new Set(rule.before);
      const inherited = new Set<string>();
      for (const s of stages.filter((x) => before.has(x.refId))) {
        s.requisiteStageRefIds.forEach((r) => inherited.add(r));
        s.requisiteStageRefIds = [injected.refId];
      }
      injected.requisiteStageRefIds = [...inherited];
    } else if (rule.after) {
      const after = new Set(rule.after);
      for (const s of stages) {
        if (s.requisiteStageRefIds.some((r) => after.has(r))) s.requisiteStageRefIds = [...new Set([...s.requisiteStageRefIds.filter((r) => !after.has(r)), injected.refId])];
      }
      injected.requisiteStageRefIds = [...after];
    }
    stages.push(injected);
  });
  return stages;
}
