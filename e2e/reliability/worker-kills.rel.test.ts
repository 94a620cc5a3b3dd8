import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../lib/db/applications';
import { getPool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { savePipeline, trigger } from '../runner/engine-harness';
import { useTestDatabase } from '../runner/test-database';
import { startEffectCounter, type EffectCounter } from './effect-counter';
import { awaitOutcome, describeStuck } from './outcome';
import { startWorkers, type WorkerFleet } from './workers';

// R1: worker processes are SIGKILLed at random moments while pipelines with side effects run.
// Nothing may be lost (every execution finishes), stuck (none left running) or done twice
// (every side effect applied exactly once; redelivering the same idempotency key is allowed).
const kills = Number(process.env.R1_KILLS ?? 50);
const executions = 60;

useTestDatabase();
let counter: EffectCounter;
let fleet: WorkerFleet;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-r1-'));

beforeAll(async () => {
  counter = await startEffectCounter();
  const config = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(config, stringify({ egress: { allow: ['127.0.0.1'] }, worker: { heartbeatSeconds: 1, stalledAfterSeconds: 5, concurrency: 6 } }));
  process.env.FORESAIL_CONFIG = config;
  reloadConfig();
  await createApplication({ name: 'chaos', ownerEmail: 'c@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  fleet = startWorkers(2, { DATABASE_URL: process.env.DATABASE_URL ?? '', FORESAIL_CONFIG: config, LOG_LEVEL: 'warn' }, path.join(dir, 'workers.log'));
});

afterAll(async () => {
  await fleet?.stop();
  await counter?.close();
  delete process.env.FORESAIL_CONFIG;
  reloadConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

const effect = (refId: string, requisites: string[]) => ({ refId, requisiteStageRefIds: requisites, type: 'webhook', name: `Effect ${refId}`, url: `${counter.url}/effect`, method: 'POST', payload: { stage: refId } });

describe('reliability', () => {
  it(`R1: ${kills} SIGKILLs of workers while pipelines run → 0 lost, 0 stuck, 0 duplicated side effects`, { timeout: 600_000 }, async () => {
    const pipelineId = await savePipeline('chaos', {
      limitConcurrent: false,
      stages: [
        effect('a', []),
        { refId: 'w', requisiteStageRefIds: ['a'], type: 'wait', name: 'Pause', waitTime: 1 },
        effect('b', ['w']),
        effect('c', ['w']),
        { refId: 'v', requisiteStageRefIds: ['b', 'c'], type: 'evaluateVariables', name: 'Vars', variables: [{ key: 'done', value: 'yes' }] },
        effect('d', ['v']),
      ],
    });
    const ids: string[] = [];
    const started = Date.now();
    for (let i = 0; i < kills; i++) {
      if (ids.length < executions) ids.push(await trigger(pipelineId), await trigger(pipelineId));
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 700));
      await fleet.killOne(Math.floor(Math.random() * 2));
    }
    while (ids.length < executions) ids.push(await trigger(pipelineId));

    const pool = getPool();
    const outcome = await awaitOutcome(pool, ids, counter, 240_000);
    process.stdout.write(
      `R1: ${kills} worker SIGKILLs, ${ids.length} executions in ${Math.round((Date.now() - started) / 1000)} s → ${outcome.lost} lost, ${outcome.unfinished} stuck, ${outcome.duplicated} duplicated side effects ` +
        `(${outcome.webhookStages} webhook stages, ${outcome.effectsApplied} effects applied once, ${outcome.deliveries} deliveries incl. ${outcome.redeliveries} redeliveries of a key, ${counter.unkeyed} unkeyed); statuses ${JSON.stringify(outcome.counts)}\n`,
    );
    if (outcome.unfinished > 0) {
      process.stdout.write(await describeStuck(pool, ids));
      process.stdout.write(`worker log (errors):\n${fs.readFileSync(path.join(dir, 'workers.log'), 'utf8').split('\n').filter((l) => /"level":(50|60)/.test(l)).slice(-30).join('\n')}\n`);
    }
    const { lost, unfinished, counts, duplicated, missing } = outcome;
    expect(lost).toBe(0);
    expect(unfinished).toBe(0);
    expect(counts).toEqual({ SUCCEEDED: ids.length });
    expect(duplicated).toBe(0);
    expect(missing).toBe(0);
    expect(counter.unkeyed).toBe(0);
  });
});
