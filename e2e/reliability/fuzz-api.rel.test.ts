import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverApiRoutes, fillPattern, type ApiRoute } from '../runner/api-routes';
import { bodyPlan, renderBody, type BodyPlan } from './fuzz-bodies';
import { fieldNames, judge } from './fuzz-checks';
import { bodiless, callers, chooseParams, excluded, paramChoice, seeds, type Caller, type ParamChoice } from './fuzz-requests';
import { startFuzzWorld, TRIGGER_SECRET, type FuzzWorld } from './fuzz-world';

// R5: 10,000 seeded requests at a running Foresail, over every API route: 0 answers 5xx, 0 stack
// traces, internal paths or secrets in bodies, and every refusal of bad input names the field.
// R5_SEED and R5_REQUESTS change the run; a failure prints what to send to reproduce it.
const SEED = Number(process.env.R5_SEED ?? 13);
const REQUESTS = Number(process.env.R5_REQUESTS ?? 10_000);
const REFRESH_EVERY = 400;

const routes = discoverApiRoutes().filter((route) => !(route.key in excluded));
// Routes that take a body are drawn three times as often: most depth is behind their validation.
const weighted = routes.flatMap((route) => (bodiless(route) ? [route] : [route, route, route]));
const callerWeights: Record<Caller, number> = { admin: 4, writer: 4, token: 2, executor: 1, viewer: 1, nobody: 1, anonymous: 1, forged: 1 };

const queryKeys = ['application', 'pipeline', 'statuses', 'from', 'to', 'cursor', 'limit', 'q', 'all', 'actor', 'action', 'source', 'execution', 'dryRun', 'namespace', 'kind'];
const queryValue = fc.oneof(fc.constantFrom('fuzz', 'RUNNING,SUCCEEDED', '2026-01-01T00:00:00Z', 'yesterday', '-5', '0', '1000000', 'true', 'false', '', 'eyJ4IjoxfQ', '%', 'a'.repeat(2000)), fc.string({ maxLength: 20 }));
const query = fc.array(fc.tuple(fc.constantFrom(...queryKeys), queryValue), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString());

interface Plan {
  route: number;
  caller: Caller;
  params: ParamChoice[];
  body: BodyPlan;
  query: string;
  sign: boolean;
}
const planArb: fc.Arbitrary<Plan> = fc.record({
  route: fc.nat(),
  caller: fc.constantFrom(...callers.flatMap((c) => Array<Caller>(callerWeights[c]).fill(c))),
  params: fc.array(paramChoice, { minLength: 3, maxLength: 3 }),
  body: bodyPlan,
  query: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: query }),
  sign: fc.nat({ max: 9 }).map((n) => n < 7),
});

let world: FuzzWorld;
beforeAll(async () => {
  world = await startFuzzWorld();
}, 300_000);
afterAll(async () => {
  await world?.stop();
});

function webhookHeaders(route: ApiRoute, text: string, index: number, sign: boolean): Record<string, string> {
  if (route.pattern === '/api/webhooks/github') {
    const headers: Record<string, string> = { 'x-github-event': sign ? 'push' : 'ping', 'x-github-delivery': `r5-${SEED}-${index}` };
    if (sign) headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', TRIGGER_SECRET).update(text).digest('hex')}`;
    return headers;
  }
  if (route.pattern.startsWith('/api/webhooks/')) return sign ? { 'x-foresail-token': TRIGGER_SECRET } : {};
  return {};
}

interface Finding {
  what: string;
  route: string;
  request: string;
  status: number;
  answer: string;
}

describe('R5: fuzzing the HTTP API', () => {
  it('has a valid seed body for every route that reads one, and none for a route that does not exist', () => {
    const readsBody = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && /readJson\(req|receive\w+\(/.test(fs.readFileSync(r.file, 'utf8')));
    expect(readsBody.map((r) => r.key).filter((key) => !(key in seeds))).toEqual([]);
    expect(Object.keys(seeds).filter((key) => !routes.some((r) => r.key === key))).toEqual([]);
  });

  it(`answers ${REQUESTS} generated requests without a 5xx, a leak, or a refusal that names no field`, async () => {
    const plans = fc.sample(planArb, { seed: SEED, numRuns: REQUESTS });
    const statuses = new Map<number, number>();
    const findings: Finding[] = [];
    const touched = new Set<string>();
    let serverErrors = 0;
    let leaks = 0;
    let invalidInput = 0;
    let clientErrors = 0;
    for (const [index, plan] of plans.entries()) {
      if (index > 0 && index % REFRESH_EVERY === 0) await world.refreshExecution();
      const route = weighted[plan.route % weighted.length] as ApiRoute;
      touched.add(route.key);
      const params = chooseParams(route, world.state, plan.params);
      const url = `${world.foresail.url}${fillPattern(route.pattern, params)}${plan.query ? `?${plan.query}` : ''}`;
      const seed = seeds[route.key]?.(world.state) ?? {};
      const { text, contentType } = route.method === 'GET' || route.method === 'DELETE' ? { text: undefined, contentType: '' } : renderBody(plan.body, seed);
      const headers: Record<string, string> = { ...world.headers(plan.caller, plan.params[0]?.pick), ...webhookHeaders(route, text ?? '', index, plan.sign) };
      if (contentType) headers['content-type'] = contentType;
      const described = `#${index} ${plan.caller} ${route.method} ${url.slice(world.foresail.url.length)} ${text === undefined ? '' : text.slice(0, 300)}`;
      let status = 0;
      let answer = '';
      let type = '';
      try {
        const res = await fetch(url, { method: route.method, headers, body: text, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
        status = res.status;
        type = res.headers.get('content-type') ?? '';
        if (type.startsWith('text/event-stream')) await res.body?.cancel();
        else answer = await res.text();
      } catch (err) {
        findings.push({ what: `no answer: ${err instanceof Error ? err.message : String(err)}`, route: route.key, request: described, status, answer });
        continue;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const verdict = judge({ status, contentType: type, text: answer }, `${url} ${text ?? ''}`, world.state.secrets, fieldNames(seed));
      if (status >= 400 && status < 500) clientErrors += 1;
      if (verdict.serverError) serverErrors += 1;
      if (verdict.leaks.length > 0) leaks += 1;
      if (verdict.invalidInput) invalidInput += 1;
      const problems = [...(verdict.serverError ? [`${status}`] : []), ...verdict.leaks, ...(verdict.unnamed ? [`unhelpful ${status}: ${verdict.unnamed}`] : [])];
      for (const what of problems) findings.push({ what, route: route.key, request: described, status, answer: answer.slice(0, 400) });
    }
    const unnamed = findings.filter((f) => f.what.startsWith('unhelpful')).length;
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    const naming = unnamed === 0 ? 'all naming a field' : `${unnamed} naming no field`;
    process.stdout.write(`R5 API fuzz: ${REQUESTS} requests over ${touched.size} routes, ${serverErrors} 5xx, ${leaks} leaks, ${invalidInput} 4xx ${naming} (the 400/422 refusals of bad input; ${clientErrors} 4xx in all) — seed ${SEED}; ${byStatus}\n`);
    // Each kind of finding once with its count and up to three requests that reproduce it.
    const kinds = new Map<string, Finding[]>();
    for (const f of findings) {
      const kind = `${f.what.replace(/: .*/, '')} on ${f.route}`;
      kinds.set(kind, [...(kinds.get(kind) ?? []), f]);
    }
    for (const [kind, found] of kinds) {
      process.stdout.write(`  ✗ ${found.length}× ${kind}\n`);
      for (const f of found.slice(0, 3)) process.stdout.write(`    ${f.what}\n    ${f.request}\n    → ${f.status} ${f.answer}\n`);
    }
    expect(touched.size).toBe(routes.length);
    expect(findings.map((f) => `${f.what} ← ${f.request}`).slice(0, 25)).toEqual([]);
    // ~30 ms a request on a busy 2-core machine: well within, but longer than the layer's default.
  }, 1_800_000);
});
