import { buildStageGraph, wouldCreateCycle } from '@/lib/pipeline/graph';
import { normalizeStages, type RawGraphStage } from '@/lib/pipeline/normalize';
import type { KnownStageType } from '@/lib/pipeline/schema/stages';
import { stageCatalog } from '@/lib/pipeline/stage-catalog';
import { isJsonObject, type JsonObject } from './json-path';

/** What the graph, the stage list and the depends-on field need of a stage. */
export interface StageSummary {
  index: number;
  refId: string;
  name: string;
  type: string;
  requisites: string[];
}

export type EditResult = { doc: JsonObject; error?: undefined } | { error: string; doc?: undefined };

export const rawStages = (doc: JsonObject): unknown[] => (Array.isArray(doc.stages) ? doc.stages : []);

const asRefId = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? value : undefined);

/** Each stage's identity and requisites as Orca reads them (string refIds; linear when none has one). */
export function summarizeStages(doc: JsonObject): StageSummary[] {
  const raw = rawStages(doc);
  const graph: RawGraphStage[] = raw.map((stage) => {
    const s = isJsonObject(stage) ? stage : {};
    const requisites = Array.isArray(s.requisiteStageRefIds) ? s.requisiteStageRefIds.flatMap((r) => {
          const v = asRefId(r);
          return v === undefined ? [] : [v];
        }) : undefined;
    return { refId: asRefId(s.refId), requisiteStageRefIds: requisites };
  });
  return normalizeStages(graph).map((stage, index) => {
    const s = raw[index];
    const object = isJsonObject(s) ? s : {};
    return {
      index,
      refId: stage.refId,
      name: typeof object.name === 'string' ? object.name : '',
      type: typeof object.type === 'string' ? object.type : '',
      requisites: stage.requisiteStageRefIds,
    };
  });
}

export const stageLabel = (stage: Pick<StageSummary, 'name' | 'refId'>) => stage.name.trim() || `Stage ${stage.refId}`;

/** The stages with their normalised refIds and requisites written in, so graph edits have something to edit. */
function withGraph(doc: JsonObject, summaries: StageSummary[]): JsonObject[] {
  return rawStages(doc).map((stage, i) => {
    const object = isJsonObject(stage) ? stage : {};
    const s = summaries[i];
    if (!s) return object;
    const same = object.refId === s.refId && Array.isArray(object.requisiteStageRefIds) && object.requisiteStageRefIds.every((r, j) => r === s.requisites[j]) && object.requisiteStageRefIds.length === s.requisites.length;
    return same ? object : { ...object, refId: s.refId, requisiteStageRefIds: s.requisites };
  });
}

/** Deck's refIds are numbers written as strings: the next one after the largest. */
export function nextRefId(summaries: readonly StageSummary[]): string {
  const used = new Set(summaries.map((s) => s.refId));
  let next = summaries.reduce((max, s) => (/^\d+$/.test(s.refId) ? Math.max(max, Number(s.refId)) : max), 0) + 1;
  while (used.has(String(next))) next++;
  return String(next);
}

function uniqueName(base: string, summaries: readonly StageSummary[]): string {
  const taken = new Set(summaries.map((s) => s.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** A new stage of `type`, depending on `after` when given, appended to the list. */
export function addStage(doc: JsonObject, type: KnownStageType, after?: string): { doc: JsonObject; refId: string } {
  const summaries = summarizeStages(doc);
  const refId = nextRefId(summaries);
  const stage = { ...stageCatalog[type].defaults(), refId, name: uniqueName(stageCatalog[type].label, summaries), requisiteStageRefIds: after ? [after] : [] };
  return { doc: { ...doc, stages: [...withGraph(doc, summaries), stage] }, refId };
}

/** Removes the stage and every requisite naming it (Deck's behaviour: its children lose that edge). */
export function deleteStage(doc: JsonObject, refId: string): JsonObject {
  const summaries = summarizeStages(doc);
  const stages = withGraph(doc, summaries)
    .filter((_, i) => summaries[i]?.refId !== refId)
    .map((stage) => {
      const requisites = Array.isArray(stage.requisiteStageRefIds) ? stage.requisiteStageRefIds : [];
      return requisites.includes(refId) ? { ...stage, requisiteStageRefIds: requisites.filter((r) => r !== refId) } : stage;
    });
  return { ...doc, stages };
}

/** A copy with a new refId and "Copy of …" name, beside the original (same requisites), placed after it. */
export function copyStage(doc: JsonObject, refId: string): { doc: JsonObject; refId: string } | undefined {
  const summaries = summarizeStages(doc);
  const stages = withGraph(doc, summaries);
  const index = summaries.findIndex((s) => s.refId === refId);
  const original = stages[index];
  const summary = summaries[index];
  if (!original || !summary) return undefined;
  const copyId = nextRefId(summaries);
  const copy = { ...structuredClone(original), refId: copyId, name: uniqueName(`Copy of ${stageLabel(summary)}`, summaries) };
  return { doc: { ...doc, stages: [...stages.slice(0, index + 1), copy, ...stages.slice(index + 1)] }, refId: copyId };
}

/** The cycle `child` requiring `parent` would close, in run order (parent → child → … → parent), or undefined. */
export function cycleIfConnected(summaries: readonly StageSummary[], parent: string, child: string): string[] | undefined {
  const graph = buildStageGraph(summaries.map((s) => ({ refId: s.refId, requisiteStageRefIds: s.requisites })));
  if (!wouldCreateCycle(graph, child, parent)) return undefined;
  if (parent === child) return [parent, parent];
  const previous = new Map<string, string>();
  const queue = [child];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i] ?? child;
    if (at === parent) break;
    for (const next of graph.children.get(at) ?? []) {
      if (previous.has(next) || next === child) continue;
      previous.set(next, at);
      queue.push(next);
    }
  }
  const path = [parent];
  for (let at = previous.get(parent); at !== undefined; at = previous.get(at)) path.push(at);
  return [parent, ...path.reverse()];
}

function cycleMessage(summaries: readonly StageSummary[], parent: string, child: string, cycle: string[]): string {
  const name = (refId: string) => stageLabel(summaries.find((s) => s.refId === refId) ?? { name: '', refId });
  if (parent === child) return `"${name(child)}" cannot depend on itself.`;
  return `"${name(child)}" cannot depend on "${name(parent)}": that would make a cycle ${cycle.map(name).join(' → ')}.`;
}

/** Sets a stage's requisites, refusing (with the cycle named) any that would close a cycle. */
export function setRequisites(doc: JsonObject, refId: string, requisites: readonly string[]): EditResult {
  const summaries = summarizeStages(doc);
  const index = summaries.findIndex((s) => s.refId === refId);
  const current = summaries[index];
  if (!current) return { error: `No stage has refId ${refId}` };
  for (const parent of requisites) {
    if (current.requisites.includes(parent)) continue;
    const cycle = cycleIfConnected(summaries, parent, refId);
    if (cycle) return { error: cycleMessage(summaries, parent, refId, cycle) };
  }
  const stages = withGraph(doc, summaries);
  stages[index] = { ...stages[index], requisiteStageRefIds: [...new Set(requisites)] };
  return { doc: { ...doc, stages } };
}

export function connectStages(doc: JsonObject, parent: string, child: string): EditResult {
  const current = summarizeStages(doc).find((s) => s.refId === child);
  if (!current) return { error: `No stage has refId ${child}` };
  if (current.requisites.includes(parent)) return { doc };
  return setRequisites(doc, child, [...current.requisites, parent]);
}

export function disconnectStages(doc: JsonObject, parent: string, child: string): JsonObject {
  const current = summarizeStages(doc).find((s) => s.refId === child);
  if (!current) return doc;
  return setRequisites(doc, child, current.requisites.filter((r) => r !== parent)).doc ?? doc;
}

const COMMON_KEYS = new Set(['refId', 'requisiteStageRefIds', 'name', 'failPipeline', 'continuePipeline', 'completeOtherBranchesThenFail', 'stageEnabled', 'overrideTimeout', 'stageTimeoutMs', 'comments', 'notifications', 'sendNotifications', 'restrictExecutionDuringTimeWindow', 'restrictedExecutionWindow', 'skipWindowText']);

/** Changes a stage's type: common fields stay, the new type's defaults replace the rest. */
export function changeStageType(doc: JsonObject, index: number, type: KnownStageType): JsonObject {
  const stages = rawStages(doc);
  const stage = stages[index];
  if (!isJsonObject(stage)) return doc;
  const kept = Object.fromEntries(Object.entries(stage).filter(([key]) => COMMON_KEYS.has(key)));
  const next = [...stages];
  next[index] = { ...stageCatalog[type].defaults(), ...kept, type };
  return { ...doc, stages: next };
}
