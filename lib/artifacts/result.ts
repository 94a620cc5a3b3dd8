import 'server-only';
import { EgressError } from '../egress';

export type FetchedArtifact = { bytes: Buffer } | { error: string };

export interface ArtifactFetchLimits {
  signal?: AbortSignal;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** A URL as errors show it: no query string or fragment (they may carry tokens). */
export function shownUrl(url: string): string {
  if (!URL.canParse(url)) return `"${url.slice(0, 200)}"`;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** An egress refusal or network failure in words; anything else is a bug and is thrown on. */
export function fetchFailure(err: unknown, url: string): FetchedArtifact {
  if (err instanceof EgressError) return { error: `fetching ${shownUrl(url)} failed: ${err.message}` };
  throw err;
}
