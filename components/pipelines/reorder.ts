/** A copy of `ids` with the item at `from` moved to `to` (both clamped). */
export function moveItem<T>(ids: readonly T[], from: number, to: number): T[] {
  const next = [...ids];
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  if (item === undefined) return [...ids];
  next.splice(target, 0, item);
  return next;
}

/** The local order for what the server now lists: known ids keep their place, new ones come last, gone ones drop. */
export function mergeOrder(local: readonly string[] | undefined, server: readonly string[]): string[] {
  if (!local) return [...server];
  const present = new Set(server);
  const kept = local.filter((id) => present.has(id));
  const seen = new Set(kept);
  return [...kept, ...server.filter((id) => !seen.has(id))];
}
