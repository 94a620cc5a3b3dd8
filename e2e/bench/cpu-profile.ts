/**
 * Where a server's CPU time goes, from a V8 CPU profile (the `.cpuprofile` that `node --cpu-prof` and
 * the inspector's Profiler.stop write): every sample is put in one bucket by the frames on its stack,
 * the first rule below that any frame matches — so a query sent during the token check counts as
 * SQL, and the bytes JSON.stringify writes for a page count as serialisation wherever it is called.
 * Samples of an idle server, and of the profiler's own work in the inspector session that drives it
 * (node:inspector), are left out; time is per request when divided by the requests served.
 */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

interface Rule {
  bucket: string;
  matches(frame: Frame): boolean;
}

const inFile = (...parts: string[]) => (frame: Frame) => parts.some((p) => frame.url.includes(p));

/** In priority order: the first rule any frame of a sample's stack matches names its bucket. */
export const cpuBuckets: readonly Rule[] = [
  { bucket: 'SQL: pg driver (protocol, row parsing)', matches: inFile('/node_modules/pg/', '/node_modules/pg-protocol/', '/node_modules/pg-pool/', '/node_modules/pg-types/', '/node_modules/@prisma/adapter-pg/') },
  { bucket: 'SQL: Prisma client (query compiler, result mapping)', matches: inFile('/node_modules/@prisma/', '/lib/db/generated/') },
  { bucket: 'serialisation (JSON.stringify of the answer)', matches: (f) => (f.functionName === 'stringify' && f.url === '') || (f.functionName === 'json' && f.url.includes('/lib/http.')) },
  { bucket: 'token check (parse, hash, owner\'s roles)', matches: inFile('/lib/auth/session.', '/lib/auth/token-format.', '/lib/db/api-tokens.', '/lib/auth/directory', '/lib/auth/roles.', '/lib/auth/principal.') },
  { bucket: 'permission lookup (visible applications, judgments awaiting)', matches: inFile('/lib/services/executions.', '/lib/auth/visible-applications.', '/lib/auth/permissions.', '/lib/services/judgments.', '/lib/db/applications.', '/lib/db/judgments.') },
  { bucket: 'query validation (zod)', matches: inFile('/node_modules/zod/', '/lib/pipeline/execution-query.') },
  { bucket: 'list: SQL text and row mapping', matches: inFile('/lib/db/executions.', '/lib/services/execution-list.', '/lib/pipeline/') },
  { bucket: 'HTTP: node:http, Request/Response, apiRoute', matches: (f) => f.url.startsWith('node:') || f.url.includes('/lib/http.') || f.url.includes('/route-server.') || f.url.includes('undici') },
];

export interface CpuBreakdown {
  /** Busy time (idle samples left out), ms. */
  busyMs: number;
  buckets: { bucket: string; ms: number }[];
  /** The functions the busy samples were in (self time), largest first, at most 8: `name (file)`. */
  hottest: { frame: string; ms: number }[];
}

const special: Record<string, string | null> = {
  '(idle)': null,
  '(garbage collector)': 'garbage collection',
  '(program)': 'V8 and native code without a JS caller (program)',
};

export function summariseCpuProfile(profile: CpuProfile): CpuBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const bucketOf = new Map<number, string | null>();
  const classify = (id: number): string | null => {
    const known = bucketOf.get(id);
    if (known !== undefined) return known;
    const leaf = byId.get(id)?.callFrame;
    let bucket: string | null;
    if (leaf && Object.hasOwn(special, leaf.functionName)) bucket = special[leaf.functionName] ?? null;
    else {
      const stack: Frame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (frame) stack.push(frame);
      }
      bucket = stack.some((frame) => frame.url === 'node:inspector') ? null : (cpuBuckets.find((rule) => stack.some((frame) => rule.matches(frame)))?.bucket ?? 'other');
    }
    bucketOf.set(id, bucket);
    return bucket;
  };
  const totals = new Map<string, number>();
  const self = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const bucket = classify(id);
    if (bucket === null) return;
    const us = profile.timeDeltas[i] ?? 0;
    busyUs += us;
    totals.set(bucket, (totals.get(bucket) ?? 0) + us);
    const leaf = byId.get(id)?.callFrame;
    const frame = leaf ? `${leaf.functionName || '(anonymous)'}${leaf.url ? ` (${leaf.url.split('/').slice(-3).join('/')})` : ''}` : '?';
    self.set(frame, (self.get(frame) ?? 0) + us);
  });
  const largestFirst = <T extends { ms: number }>(list: T[]) => list.sort((a, b) => b.ms - a.ms);
  return {
    busyMs: busyUs / 1000,
    buckets: largestFirst([...totals].map(([bucket, us]) => ({ bucket, ms: us / 1000 }))),
    hottest: largestFirst([...self].map(([frame, us]) => ({ frame, ms: us / 1000 }))).slice(0, 8),
  };
}
