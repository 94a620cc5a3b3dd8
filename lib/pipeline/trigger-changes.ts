/**
 * Which edits make a pipeline start by itself in a new way. A trigger runs the pipeline, so adding,
 * changing or enabling one — or enabling a pipeline that has live triggers — needs EXECUTE as well
 * as WRITE; otherwise WRITE alone could add a cron or webhook trigger (with a secret its author
 * knows) and run what they may not run. Removing or disabling triggers only takes runs away.
 * Isomorphic: the editor says the same thing before a save is tried.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Canonical JSON (sorted keys) without the trigger's `id`, which only names it. */
function canonical(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk(v[k])]));
  };
  if (!isObject(value)) return JSON.stringify(value);
  const { id: _id, ...rest } = value;
  return JSON.stringify(walk(rest));
}

/** Triggers that fire by themselves: enabled (Echo fires only `enabled: true`), not manual, in an enabled pipeline. */
function liveTriggers(config: Json | undefined): { trigger: Json; index: number }[] {
  if (!config || config.disabled === true || !Array.isArray(config.triggers)) return [];
  return config.triggers.flatMap((t: unknown, index) => (isObject(t) && t.enabled === true && t.type !== 'manual' ? [{ trigger: t, index }] : []));
}

/**
 * What the change from `before` (undefined for a new pipeline) to `after` does to live triggers,
 * in words (empty: nothing that needs EXECUTE). Compared after stored secrets are put back, so a
 * masked secret sent back unchanged is not a change.
 */
export function liveTriggerChanges(before: Json | undefined, after: Json): string[] {
  const known = new Set(liveTriggers(before).map(({ trigger }) => canonical(trigger)));
  const wasDisabled = before?.disabled === true;
  return liveTriggers(after)
    .filter(({ trigger }) => !known.has(canonical(trigger)))
    .map(({ trigger, index }) => {
      const label = `the ${String(trigger.type)} trigger (triggers[${index}])`;
      if (wasDisabled) return `enabling the pipeline turns on ${label}`;
      const previous = before && Array.isArray(before.triggers) ? before.triggers.find((t: unknown) => isObject(t) && isObject(trigger) && canonical({ ...t, enabled: true }) === canonical(trigger)) : undefined;
      return previous ? `enables ${label}` : before ? `adds or changes ${label}` : `adds ${label}`;
    });
}
