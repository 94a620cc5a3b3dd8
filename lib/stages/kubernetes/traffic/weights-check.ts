import { TrafficError, type TrafficWeight } from './types';

/** The weights a route may take: whole numbers 0-100, each destination once, adding up to 100. */
export function checkWeights(weights: readonly TrafficWeight[]): void {
  if (weights.length === 0) throw new TrafficError('No weights given: name at least one destination and its weight');
  const seen = new Set<string>();
  for (const { destination, weight } of weights) {
    if (!destination) throw new TrafficError('A weight has no destination');
    if (seen.has(destination)) throw new TrafficError(`Destination "${destination}" is listed twice`);
    seen.add(destination);
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) throw new TrafficError(`The weight of "${destination}" must be a whole number from 0 to 100, got ${weight}`);
  }
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  if (total !== 100) throw new TrafficError(`The weights add up to ${total}; they must add up to 100 (${weights.map((w) => `${w.destination} ${w.weight}`).join(', ')})`);
}

export const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** "a", "b" and "c" → `"a", "b" or "c"` for messages. */
export const orList = (names: readonly string[]): string =>
  names.length === 0 ? '(none)' : names.length === 1 ? `"${names[0]}"` : `${names.slice(0, -1).map((n) => `"${n}"`).join(', ')} or "${names.at(-1)}"`;
