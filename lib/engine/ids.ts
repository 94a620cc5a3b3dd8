import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID, as Spinnaker uses for execution and stage ids: 48-bit milliseconds + 80 random bits in
 * Crockford base32, so ids sort by creation time (cursor pagination relies on it).
 */
export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = (alphabet[t % 32] ?? '0') + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += alphabet[(bytes[i] ?? 0) % 32];
  return time + random;
}
