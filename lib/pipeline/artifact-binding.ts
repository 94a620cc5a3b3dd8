import type { Artifact, ExpectedArtifact } from './schema/artifacts';
import { fullMatch } from './full-match';

/**
 * Expected-artifact resolution at trigger time, as Orca's ArtifactResolver does it (reference §2.5):
 * the expected artifacts considered are those the firing trigger lists plus every one with
 * useDefaultArtifact or usePriorArtifact; each is bound to a unique matching received artifact, else
 * (usePriorArtifact) a unique match among the prior execution's artifacts, else (useDefaultArtifact)
 * its default; otherwise it is unmatched and the execution must not start. Like Orca (which resolves
 * with requireUniqueMatches), an ambiguous match is an error at that step, not a fall-through.
 */

/** matchArtifact fields compared as whole-value regexes; artifactAccount, uuid and provenance are not (kork). */
const MATCHED_FIELDS = ['type', 'name', 'version', 'location', 'reference'] as const;

export interface ResolveExpectedArtifactsInput {
  /** The pipeline's expectedArtifacts. */
  expected: readonly ExpectedArtifact[];
  /** The trigger's artifacts plus any from a parent execution. */
  received: readonly Artifact[];
  /** Artifacts bound in this pipeline's previous execution (for usePriorArtifact). */
  prior: readonly Artifact[];
  /** The firing trigger's expectedArtifactIds. */
  triggerExpectedIds: readonly string[];
}

export type BindingSource = 'received' | 'prior' | 'default';

export interface ResolvedArtifact {
  id: string;
  displayName?: string;
  from: BindingSource;
  boundArtifact: Artifact;
  /** The expected artifact with `boundArtifact` set: what goes into trigger.resolvedExpectedArtifacts. */
  expectedArtifact: ExpectedArtifact & { boundArtifact: Artifact };
}

export interface UnmatchedArtifact {
  id: string;
  displayName?: string;
  reason: string;
}

export interface ResolveExpectedArtifactsResult {
  resolved: ResolvedArtifact[];
  unmatched: UnmatchedArtifact[];
  /** The received artifacts plus the bound ones, without duplicates: what goes into trigger.artifacts. */
  artifacts: Artifact[];
}

type MatchOutcome = { kind: 'none' } | { kind: 'one'; artifact: Artifact } | { kind: 'ambiguous'; count: number } | { kind: 'invalid'; reason: string };

/** Whether `artifact` satisfies every non-empty matchArtifact field; a string (the reason) when a pattern is invalid. */
export function artifactMatches(match: Artifact | undefined, artifact: Artifact): boolean | string {
  for (const field of MATCHED_FIELDS) {
    const pattern = match?.[field];
    if (pattern === undefined || pattern === '') continue;
    const value = artifact[field];
    if (value === undefined) return false;
    const result = fullMatch(pattern, value);
    if ('error' in result) return `matchArtifact.${field}: ${result.error}`;
    if (!result.matches) return false;
  }
  return true;
}

function matchAmong(match: Artifact | undefined, candidates: readonly Artifact[]): MatchOutcome {
  const found: Artifact[] = [];
  for (const candidate of candidates) {
    const result = artifactMatches(match, candidate);
    if (typeof result === 'string') return { kind: 'invalid', reason: result };
    if (result) found.push(candidate);
  }
  const [first] = found;
  if (!first) return { kind: 'none' };
  return found.length === 1 ? { kind: 'one', artifact: first } : { kind: 'ambiguous', count: found.length };
}

/** `{type=docker/image, name=…}`: what an expected artifact looks for, for reasons. */
export function describeMatch(match: Artifact | undefined): string {
  const parts = MATCHED_FIELDS.flatMap((field) => (match?.[field] ? [`${field}=${match[field]}`] : []));
  return parts.length ? `{${parts.join(', ')}}` : 'any artifact';
}

/** Artifacts are values (Orca keeps them in a set): the same artifact received twice is one artifact. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function distinct(artifacts: readonly Artifact[]): Artifact[] {
  const seen = new Set<string>();
  return artifacts.filter((artifact) => {
    const key = canonical(artifact);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const usesPrior = (e: ExpectedArtifact) => e.usePriorArtifact === true || e.usePriorExecution === true;

function bind(expected: ExpectedArtifact, received: readonly Artifact[], prior: readonly Artifact[]): { from: BindingSource; artifact: Artifact } | { reason: string } {
  const wanted = describeMatch(expected.matchArtifact);
  const current = matchAmong(expected.matchArtifact, received);
  if (current.kind === 'one') return { from: 'received', artifact: current.artifact };
  if (current.kind === 'invalid') return { reason: current.reason };
  if (current.kind === 'ambiguous') return { reason: `${current.count} received artifacts match ${wanted}; the match must be unique` };
  const tried = [`no received artifact matches ${wanted}`];
  if (usesPrior(expected)) {
    const previous = matchAmong(expected.matchArtifact, prior);
    if (previous.kind === 'one') return { from: 'prior', artifact: previous.artifact };
    if (previous.kind === 'ambiguous') return { reason: `${tried[0]}, and ${previous.count} artifacts of the prior execution match it; the match must be unique` };
    tried.push(prior.length ? 'nor does any artifact of the prior execution' : 'there is no prior execution artifact');
  }
  if (expected.useDefaultArtifact === true) {
    if (expected.defaultArtifact) return { from: 'default', artifact: expected.defaultArtifact };
    tried.push('useDefaultArtifact is on but no defaultArtifact is set');
  }
  return { reason: tried.join('; ') };
}

/** Binds the expected artifacts a trigger must supply; `unmatched` non-empty means "do not start". */
export function resolveExpectedArtifacts(input: ResolveExpectedArtifactsInput): ResolveExpectedArtifactsResult {
  const wanted = new Set(input.triggerExpectedIds);
  const considered = input.expected.filter((e) => wanted.has(e.id) || e.useDefaultArtifact === true || usesPrior(e));
  const received = distinct(input.received);
  const prior = distinct(input.prior);
  const resolved: ResolvedArtifact[] = [];
  const unmatched: UnmatchedArtifact[] = [];
  for (const expected of considered) {
    const label = expected.displayName ? { displayName: expected.displayName } : {};
    const binding = bind(expected, received, prior);
    if ('reason' in binding) {
      unmatched.push({ id: expected.id, ...label, reason: binding.reason });
    } else {
      resolved.push({ id: expected.id, ...label, from: binding.from, boundArtifact: binding.artifact, expectedArtifact: { ...expected, boundArtifact: binding.artifact } });
    }
  }
  return { resolved, unmatched, artifacts: distinct([...received, ...resolved.map((r) => r.boundArtifact)]) };
}

/** One line per unmatched artifact, for the refusal reason: `unmatched expected artifact "image" (Web image): …`. */
export function describeUnmatched(unmatched: readonly UnmatchedArtifact[]): string {
  return unmatched.map((u) => `unmatched expected artifact "${u.id}"${u.displayName ? ` (${u.displayName})` : ''}: ${u.reason}`).join('\n');
}

/** Docker Hub's canonical registry host, as Spinnaker names images pushed there. */
export const DOCKER_HUB_REGISTRY = 'index.docker.io';

/** The docker/image artifact for a pushed tag, shaped as Echo builds it for docker triggers. */
export function dockerImageArtifact(registryHost: string, repository: string, tag: string): Artifact {
  const name = `${registryHost}/${repository}`;
  return { type: 'docker/image', name, reference: `${name}:${tag}`, version: tag };
}
