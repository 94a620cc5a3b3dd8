import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeTime = (ms: number): string => {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = (alphabet[t % 32] ?? '0') + time;
    t = Math.floor(t / 32);
  }
  return time;
};

const randomDigits = (): number[] => Array.from(randomBytes(16), (b) => b % 32);
const encode = (ms: number, digits: readonly number[]): string => encodeTime(ms) + digits.map((d) => alphabet[d]).join('');

/** Adds one to the 80-bit random part (base-32 digits, most significant first); false when it overflows. */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits[i] ?? 0;
    if (d < 31) {
      digits[i] = d + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

/**
 * A ULID for a given time (48-bit milliseconds + 80 random bits in Crockford base32), with no
 * ordering among ids of the same millisecond: for seeding data at chosen times.
 */
export const ulidAt = (ms: number): string => encode(ms, randomDigits());

/**
 * The ULID spec's monotonic factory: within one millisecond — or when the clock steps back — the
 * next id is the previous one plus one, so ids from one factory always sort in creation order.
 */
export function monotonicUlid(clock: () => number = Date.now): () => string {
  let lastTime = -1;
  let lastDigits: number[] = [];
  return () => {
    const now = clock();
    if (now <= lastTime && increment(lastDigits)) return encode(lastTime, lastDigits);
    // A new millisecond, or (after 2^80 ids in one) the next one.
    lastTime = now > lastTime ? now : lastTime + 1;
    lastDigits = randomDigits();
    return encode(lastTime, lastDigits);
  };
}

/**
 * Execution and stage ids, as Spinnaker makes them (ULIDs): lists and cursor pagination sort by id,
 * so ids made in the same millisecond must still sort in creation order.
 */
export const ulid: () => string = monotonicUlid();
