import type { WorldPart } from './status';

/**
 * How the demo world's status reads, for the panel, the header badge and the runner's log. Pure and
 * free of zod, so the header badge on every page ships none of the status schema.
 */

export function isWorldReady(parts: readonly WorldPart[]): boolean {
  return parts.length > 0 && parts.every((part) => !part.required || part.state === 'ready');
}

/** Nothing will change any more without someone acting (all ready, failed or unavailable). */
export function isWorldSettled(parts: readonly WorldPart[]): boolean {
  return parts.every((part) => part.state === 'ready' || part.state === 'failed' || part.state === 'unavailable');
}

/**
 * "4 min", "35 s": how long a state has lasted, to the minute once past one (a build's line should not
 * tick every second; the executions list's precise "4m 10s" is a different need).
 */
export function roughElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** What a part is doing: "building kube-apiserver (2/6), 4 min", "ready", "unavailable: …". */
export function describeState(part: WorldPart, now: number): string {
  switch (part.state) {
    case 'pending':
      return 'waiting to start';
    case 'installing':
      return `installing ${part.packages.join(', ')}, ${roughElapsed(now - part.since)}`;
    case 'building':
      return part.waitingFor
        ? `waiting for ${part.waitingFor}, ${roughElapsed(now - part.since)}`
        : `building ${part.item} (${part.step}/${part.total}), ${roughElapsed(now - part.since)}`;
    case 'starting':
      return `starting, ${roughElapsed(now - part.since)}`;
    case 'ready':
      return 'ready';
    case 'failed':
      return `failed: ${part.reason}`;
    case 'unavailable':
      return `unavailable: missing ${part.missing}`;
  }
}

/** One line per part, as the runner logs it: "Kubernetes: building kube-apiserver (2/6), 4 min". */
export function describePart(part: WorldPart, now: number): string {
  return `${part.label}: ${describeState(part, now)}`;
}
