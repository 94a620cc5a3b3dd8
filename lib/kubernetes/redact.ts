import { createHmac } from 'node:crypto';
import { getConfig } from '../env';
import type { KubeObject } from './types';

/**
 * Kubernetes Secret values never leave the cluster through Foresail: every Secret that is stored
 * (stage outputs, diffs), shown (dry runs, live views) or logged goes through here first. Key names
 * stay; each value becomes a keyed fingerprint, so a diff still shows which value changed without
 * showing the value. The fingerprint is an HMAC (keyed with the session secret) rather than a plain
 * hash, because a plain hash of a short password can be guessed offline from a word list.
 */

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const FALLBACK_KEY = 'foresail secret-value fingerprint';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A core/v1 Secret (the kind the apiserver stores values in). */
export const isSecret = (obj: unknown): obj is KubeObject => isObject(obj) && obj.kind === 'Secret' && (obj.apiVersion === undefined || obj.apiVersion === 'v1');

function fingerprintKey(): string {
  const secret = getConfig().auth.sessionSecret;
  return createHmac('sha256', secret ?? FALLBACK_KEY).update(FALLBACK_KEY).digest('hex');
}

/** What a value is shown as: equal values (in `data` or `stringData`) show the same fingerprint. */
export function secretValueFingerprint(bytes: Buffer, key = fingerprintKey()): string {
  return `<redacted hmac:${createHmac('sha256', key).update(bytes).digest('hex').slice(0, 16)}>`;
}

function redactValues(values: unknown, decode: (value: string) => Buffer, key: string): unknown {
  if (!isObject(values)) return values;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'string' ? secretValueFingerprint(decode(value), key) : '<redacted>']));
}

function redactLastApplied(metadata: Json, key: string): Json {
  const annotations = metadata.annotations;
  if (!isObject(annotations) || typeof annotations[LAST_APPLIED_ANNOTATION] !== 'string') return metadata;
  let redacted = '<redacted>';
  try {
    const parsed: unknown = JSON.parse(annotations[LAST_APPLIED_ANNOTATION]);
    if (isObject(parsed)) redacted = JSON.stringify(redactSecretObject(parsed, key));
  } catch {
    // Not JSON: nothing in it can be shown safely.
  }
  return { ...metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: redacted } };
}

function redactSecretObject(obj: Json, key: string): Json {
  const out: Json = { ...obj };
  if ('data' in obj) out.data = redactValues(obj.data, (v) => Buffer.from(v, 'base64'), key);
  if ('stringData' in obj) out.stringData = redactValues(obj.stringData, (v) => Buffer.from(v, 'utf8'), key);
  if (isObject(obj.metadata)) out.metadata = redactLastApplied(obj.metadata, key);
  return out;
}

/**
 * A copy of `value` with every Secret in it redacted, however deep (a manifest, a list of them,
 * stage outputs, a `List`'s items). Anything else is returned as it is.
 */
export function redactSecrets<T>(value: T, key = fingerprintKey()): T {
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => redactSecrets(item, key));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (!isObject(value)) return value;
  if (isSecret(value)) return redactSecretObject(value, key) as T;
  let changed = false;
  const out: Json = {};
  for (const [name, item] of Object.entries(value)) {
    const redacted = isObject(item) || Array.isArray(item) ? redactSecrets(item, key) : item;
    changed ||= redacted !== item;
    out[name] = redacted;
  }
  return (changed ? out : value) as T;
}

/** Minimum length of a value that is blanked out of free text: shorter ones would blank ordinary words. */
const MIN_SCRUBBED = 4;

/**
 * `text` (an event or status message about `secret`) without any of the Secret's values, whether
 * written plainly or base64-encoded.
 */
export function scrubSecretValues(text: string, secret: KubeObject | undefined): string {
  if (!isSecret(secret)) return text;
  const plain: string[] = [];
  for (const [field, decode] of [
    ['data', (v: string) => Buffer.from(v, 'base64').toString('utf8')],
    ['stringData', (v: string) => v],
  ] as const) {
    const values = secret[field];
    if (!isObject(values)) continue;
    for (const value of Object.values(values)) if (typeof value === 'string') plain.push(decode(value));
  }
  const needles = [...new Set(plain.flatMap((v) => [v, Buffer.from(v, 'utf8').toString('base64')]))].filter((v) => v.length >= MIN_SCRUBBED).sort((a, b) => b.length - a.length);
  let scrubbed = text;
  for (const needle of needles) scrubbed = scrubbed.split(needle).join('<redacted>');
  return scrubbed;
}
