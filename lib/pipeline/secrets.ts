/**
 * The one place that knows where a pipeline holds secrets. Every view of a config (API, Gate and
 * spin, revisions, execution snapshots and stage contexts, audit details) shows them masked; a save
 * that sends a masked value back keeps the stored one, matched by where it sits (trigger id or type
 * and position, stage refId, header or key name). Isomorphic: the editor uses it too.
 *
 * Secrets: any trigger field named like a credential (`secret`, `token`, …) and trigger
 * `payloadConstraints` with such a key (Spinnaker users guard webhook triggers that way); stage
 * fields and `customHeaders` named like a credential (`Authorization`, `X-Api-Key`, …); and
 * credentials inside URLs (user info, query parameters such as `?token=`) of stage URL fields and
 * notification addresses.
 */

/** What every view shows instead of a secret. Saving it back means "keep the stored value". */
export const SECRET_MASK = '********';

// Not `credentials`: Spinnaker stages use that key for an account name.
const SECRET_KEY = /secret|passw(or)?d|passphrase|token|api[-_]?key|private[-_]?key|signature|authorization|^auth$|^cookie$/i;
const URL_KEY = /(url|endpoint)$/i;

/** Whether a field, header or parameter with this name holds a credential. */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

type Json = Record<string, unknown>;
type Segment = string | number;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A URL with its user info and credential-named query values masked; everything else as written. */
export function maskUrl(url: string): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return colon >= 0 ? `${scheme}${userInfo.slice(0, colon)}:${SECRET_MASK}@` : `${scheme}${SECRET_MASK}@`;
  });
  const q = out.indexOf('?');
  if (q < 0) return out;
  const hash = out.indexOf('#', q);
  const end = hash < 0 ? out.length : hash;
  const query = out
    .slice(q + 1, end)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq > 0 && eq < part.length - 1 && isSecretKey(decoded(part.slice(0, eq))) ? `${part.slice(0, eq)}=${SECRET_MASK}` : part;
    })
    .join('&');
  out = `${out.slice(0, q + 1)}${query}${out.slice(end)}`;
  return out;
}

/** One secret in a config: where it is, how to find it in another version, its value and its mask. */
export interface SecretSlot {
  path: Segment[];
  /** The same secret in another version of the config has the same identity. */
  identity: string;
  /** Triggers only: type and position, for a sent trigger without an id (a hand-written file) when its identity finds nothing. */
  position?: string;
  value: string;
  masked: string;
}

function valueSlot(path: Segment[], identity: string, value: string, position?: string): SecretSlot {
  return { path, identity, value, masked: value === '' ? '' : SECRET_MASK, ...(position ? { position } : {}) };
}

/** URL slots are identified by their masked form (host and path), so reordering a list keeps them. */
function urlSlot(path: Segment[], scope: string, value: string): SecretSlot {
  const masked = maskUrl(value);
  return { path, identity: `${scope}:${masked}`, value, masked };
}

function triggerSlots(trigger: Json, path: Segment[], identity: string, position: string): SecretSlot[] {
  const out: SecretSlot[] = [];
  for (const [key, value] of Object.entries(trigger)) {
    if (key === 'payloadConstraints' && isObject(value)) {
      for (const [name, pattern] of Object.entries(value)) {
        if (isSecretKey(name) && typeof pattern === 'string') out.push(valueSlot([...path, key, name], `${identity}.${key}.${name}`, pattern, `${position}.${key}.${name}`));
      }
    } else if (isSecretKey(key) && typeof value === 'string') {
      out.push(valueSlot([...path, key], `${identity}.${key}`, value, `${position}.${key}`));
    }
  }
  return out;
}

function notificationSlots(notifications: unknown, path: Segment[], scope: string): SecretSlot[] {
  if (!Array.isArray(notifications)) return [];
  return notifications.flatMap((n, i) => (isObject(n) && typeof n.address === 'string' ? [urlSlot([...path, i, 'address'], `${scope}.notifications`, n.address)] : []));
}

/** The secrets of one stage's config or of a stage execution's context. */
export function stageSecretSlots(stage: Json, path: Segment[] = [], scope = 'stage'): SecretSlot[] {
  const out: SecretSlot[] = [];
  for (const [key, value] of Object.entries(stage)) {
    if (key === 'customHeaders' && isObject(value)) {
      for (const [header, headerValue] of Object.entries(value)) {
        if (!isSecretKey(header)) continue;
        const id = `${scope}.customHeaders.${header.toLowerCase()}`;
        if (typeof headerValue === 'string') out.push(valueSlot([...path, key, header], id, headerValue));
        else if (Array.isArray(headerValue)) headerValue.forEach((v, i) => typeof v === 'string' && out.push(valueSlot([...path, key, header, i], `${id}[${i}]`, v)));
      }
    } else if (key === 'notifications') {
      out.push(...notificationSlots(value, [...path, key], scope));
    } else if (typeof value === 'string' && isSecretKey(key)) {
      out.push(valueSlot([...path, key], `${scope}.${key}`, value));
    } else if (typeof value === 'string' && URL_KEY.test(key)) {
      out.push(urlSlot([...path, key], `${scope}.${key}`, value));
    }
  }
  return out;
}

/** Identity of a trigger: its `id`, else its type and position among the triggers of that type. */
function triggerIdentities(triggers: unknown[]): { identity: string; position: string }[] {
  const seen = new Map<string, number>();
  return triggers.map((t) => {
    const type = isObject(t) && typeof t.type === 'string' ? t.type : '';
    const ordinal = seen.get(type) ?? 0;
    seen.set(type, ordinal + 1);
    const position = `trigger:${type}#${ordinal}`;
    const id = isObject(t) && typeof t.id === 'string' && t.id.trim() !== '' ? t.id.trim() : undefined;
    return { identity: id ? `trigger:id:${id}` : position, position };
  });
}

/** Every secret of a pipeline config, in document order. */
export function secretSlots(config: Json): SecretSlot[] {
  const out: SecretSlot[] = [];
  const triggers = Array.isArray(config.triggers) ? config.triggers : [];
  const ids = triggerIdentities(triggers);
  triggers.forEach((t, i) => {
    if (isObject(t)) out.push(...triggerSlots(t, ['triggers', i], ids[i]?.identity ?? '', ids[i]?.position ?? ''));
  });
  const stages = Array.isArray(config.stages) ? config.stages : [];
  stages.forEach((s, i) => {
    if (isObject(s)) out.push(...stageSecretSlots(s, ['stages', i], `stage:${String(s.refId ?? `#${i}`)}`));
  });
  out.push(...notificationSlots(config.notifications, ['notifications'], 'pipeline'));
  return out;
}

function setIn(target: unknown, path: Segment[], value: unknown): void {
  let at = target;
  for (const segment of path.slice(0, -1)) at = (at as Record<Segment, unknown>)[segment];
  const last = path[path.length - 1];
  if (last !== undefined && typeof at === 'object' && at !== null) (at as Record<Segment, unknown>)[last] = value;
}

function withSlots<T extends Json>(source: T, slots: SecretSlot[], pick: (slot: SecretSlot) => string): T {
  if (slots.every((s) => pick(s) === s.value)) return source;
  const copy = structuredClone(source);
  for (const slot of slots) setIn(copy, slot.path, pick(slot));
  return copy;
}

/** The config as every client sees it: each secret replaced by its mask. */
export function maskPipelineSecrets<T extends Json>(config: T): T {
  return withSlots(config, secretSlots(config), (s) => s.masked);
}

/** A stage execution's context (the stage config plus runtime values) with the stage's secrets masked. */
export function maskStageSecrets<T extends Json>(context: T): T {
  return withSlots(context, stageSecretSlots(context), (s) => s.masked);
}

/**
 * Any string under a credential-named key, at any depth, masked — for free-form records such as an
 * execution's trigger (webhook payloads, a parent execution's trigger) and audit details. Trigger
 * `parameters` are inputs people choose and re-use ("run again"), so they are left as they are.
 */
export function maskSecretKeys<T>(value: T, keep: ReadonlySet<string> = new Set(['parameters'])): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    return Object.fromEntries(
      Object.entries(v).map(([key, inner]) => {
        if (keep.has(key)) return [key, inner];
        if (typeof inner === 'string' && inner !== '' && isSecretKey(key)) return [key, SECRET_MASK];
        if (typeof inner === 'string' && URL_KEY.test(key)) return [key, maskUrl(inner)];
        return [key, walk(inner)];
      }),
    );
  };
  return walk(value) as T;
}

/** `triggers[0].payloadConstraints.secret`, as issue paths are written. */
export function formatSecretPath(path: readonly Segment[]): string {
  return path.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');
}

export interface SecretIssue {
  path: string;
  message: string;
}

function index(slots: SecretSlot[], key: (s: SecretSlot) => string | undefined): Map<string, SecretSlot[]> {
  const map = new Map<string, SecretSlot[]>();
  for (const slot of slots) {
    const k = key(slot);
    if (k !== undefined) map.set(k, [...(map.get(k) ?? []), slot]);
  }
  return map;
}

/**
 * Puts the stored secrets back where a saved config sends masked values. A masked value is kept
 * only when the stored config has a secret at the same place that masks to exactly what was sent;
 * otherwise the save is refused for that field (never is the mask itself stored as a secret).
 */
export function restoreMaskedSecrets<T extends Json>(incoming: T, stored: Json | undefined): { config: T; issues: SecretIssue[] } {
  const sent = secretSlots(incoming).filter((s) => s.value.includes(SECRET_MASK));
  if (sent.length === 0) return { config: incoming, issues: [] };
  const storedSlots = stored ? secretSlots(stored) : [];
  const byIdentity = index(storedSlots, (s) => s.identity);
  const byPosition = index(storedSlots, (s) => s.position);
  const issues: SecretIssue[] = [];
  const restored = new Map<SecretSlot, string>();
  for (const slot of sent) {
    const matching = (candidates: SecretSlot[] | undefined) => (candidates ?? []).filter((c) => c.masked === slot.value);
    let found = matching(byIdentity.get(slot.identity));
    // A trigger sent without an id (its identity is its position) may match a stored one that has an id.
    if (found.length === 0 && slot.position !== undefined && slot.identity === slot.position) found = matching(byPosition.get(slot.position));
    const values = new Set(found.map((c) => c.value));
    const [value] = values;
    if (values.size === 1 && value !== undefined) restored.set(slot, value);
    else {
      issues.push({
        path: formatSecretPath(slot.path),
        message: values.size > 1 ? 'is hidden and matches more than one stored secret; type the secret again' : 'is hidden ("********") but no stored secret matches it here; type the secret again',
      });
    }
  }
  if (issues.length > 0) return { config: incoming, issues };
  return { config: withSlots(incoming, sent, (s) => restored.get(s) ?? s.value), issues };
}

/**
 * Secrets set, changed or removed between two stored versions (paths only, never values): for the
 * audit log and for revision diffs, where both sides show the same mask.
 */
export function changedSecretPaths(before: Json, after: Json): string[] {
  const old = new Map(secretSlots(before).map((s) => [s.identity, s]));
  const changed: string[] = [];
  const current = secretSlots(after);
  for (const slot of current) {
    if (old.get(slot.identity)?.value !== slot.value) changed.push(formatSecretPath(slot.path));
  }
  const kept = new Set(current.map((s) => s.identity));
  for (const slot of old.values()) if (!kept.has(slot.identity) && slot.value !== '') changed.push(formatSecretPath(slot.path));
  return [...new Set(changed)];
}

/**
 * Gives every trigger that holds a secret a stable `id` (if it has none), so a masked secret sent
 * back later is matched to its own trigger even after triggers are reordered or removed.
 */
export function withTriggerIds<T extends Json>(config: T, newId: () => string): T {
  if (!Array.isArray(config.triggers)) return config;
  const holders = new Set(secretSlots(config).filter((s) => s.path[0] === 'triggers' && s.value !== '').map((s) => s.path[1]));
  if (holders.size === 0) return config;
  const triggers = config.triggers.map((t: unknown, i) => (holders.has(i) && isObject(t) && (typeof t.id !== 'string' || t.id.trim() === '') ? { ...t, id: newId() } : t));
  return { ...config, triggers };
}
