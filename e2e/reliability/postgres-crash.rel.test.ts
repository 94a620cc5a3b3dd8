import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../lib/db/applications';
import { disconnectDb } from '../../lib/db/client';
import { closePool, getPool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { readPidFile } from '../../lib/runtime/postgres-server';
import { makeTempDir, tailFile } from '../../lib/runtime/processes';
import { savePipeline, trigger } from '../runner/engine-harness';
import { startForesail, type ForesailProcess } from '../support/foresail-process';
import { startEffectCounter, type EffectCounter } from './effect-counter';
import { awaitOutcome, describeStuck } from './outcome';

// R9: the embedded PostgreSQL of a real `foresail start` is SIGKILLed at random moments while
// pipelines with side effects run. Each time the supervisor restarts it (crash recovery), health
// comes back by itself, and no execution is lost, stuck or has a side effect applied twice.
const kills = Number(process.env.R9_KILLS ?? 5);
const perRound = 6;

const dataDir = makeTempDir('foresail-r9-');
const pgDir = path.join(dataDir, 'postgres');
let foresail: ForesailProcess | undefined;
let counter: EffectCounter;

beforeAll(async () => {
  counter = await startEffectCounter();
  const configFile = path.join(dataDir, 'foresail.yaml');
  fs.writeFileSync(configFile, stringify({ egress: { allow: ['127.0.0.1'] }, worker: { heartbeatSeconds: 1, stalledAfterSeconds: 5, concurrency: 6 } }));
  foresail = await startForesail({ dataDir, env: { FORESAIL_CONFIG: configFile } });
  // The test reaches the same database over TCP to create pipelines and read what happened.
  const password = fs.readFileSync(`${pgDir}.password`, 'utf8').trim();
  process.env.DATABASE_URL = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${readPidFile(pgDir)?.port}/foresail`;
  process.env.FORESAIL_CONFIG = configFile;
  reloadConfig();
  await createApplication({ name: 'chaos', ownerEmail: 'c@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  await closePool();
  await foresail?.stop();
  await counter?.close();
  delete process.env.DATABASE_URL;
  delete process.env.FORESAIL_CONFIG;
  reloadConfig();
});

const effect = (refId: string, requisites: string[]) => ({ refId, requisiteStageRefIds: requisites, type: 'webhook', name: `Effect ${refId}`, url: `${counter.url}/effect`, method: 'POST', payload: { stage: refId } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls `fn` again while the database is still coming back (this process's connections broke too). */
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 10) throw err;
      await sleep(500);
    }
  }
}

interface Recovery {
  seconds: number;
  messages: Set<string>;
  /** Answers other than 200 and 503 (an outage is a 503, never an error). */
  unexpected: number[];
}

/** From the kill: health must first notice the outage, then answer 200 again by itself. */
async function awaitRecovery(url: string, killedAt: number): Promise<Recovery> {
  const messages = new Set<string>();
  const unexpected: number[] = [];
  let noticed = false;
  while (Date.now() - killedAt < 120_000) {
    let status = 0;
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      status = res.status;
      if (status !== 200 && status !== 503) unexpected.push(status);
      const body = (await res.json()) as { checks?: { database?: { message?: string } } };
      if (body.checks?.database?.message) messages.add(body.checks.database.message);
    } catch {
      // the web server is busy or restarting; keep asking
    }
    if (status !== 200) noticed = true;
    else if (noticed) return { seconds: (Date.now() - killedAt) / 1000, messages, unexpected };
    await sleep(50);
  }
  throw new Error(`health did not recover within 120 s of the kill (saw: ${[...messages].join(', ')})`);
}

describe('reliability', () => {
  it(`R9: ${kills} SIGKILLs of the embedded PostgreSQL while pipelines run → health recovers each time; 0 lost, 0 stuck, 0 duplicated`, { timeout: 600_000 }, async () => {
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
    const recoveries: Recovery[] = [];
    const started = Date.now();
    for (let i = 0; i < kills; i++) {
      for (let j = 0; j < perRound; j++) ids.push(await retrying(() => trigger(pipelineId)));
      await sleep(200 + Math.random() * 1800);
      const victim = readPidFile(pgDir)?.pid;
      if (!victim) throw new Error('no postmaster.pid: PostgreSQL is not running');
      process.kill(victim, 'SIGKILL');
      recoveries.push(await awaitRecovery(foresail?.url ?? '', Date.now()));
    }

    const pool = getPool();
    const outcome = await retrying(() => awaitOutcome(pool, ids, counter, 240_000));
    // Informational: a worker caught mid-job exits and is started again once the database is back.
    const processRestarts = fs.readFileSync(foresail?.logFile ?? '', 'utf8').split('\n').filter((l) => l.includes('exited while the database was restarting') || l.includes('process exited unexpectedly')).length;
    process.stdout.write(
      `R9: ${kills} PostgreSQL SIGKILLs, ${ids.length} executions in ${Math.round((Date.now() - started) / 1000)} s → health back after ${recoveries.map((r) => r.seconds.toFixed(1)).join(', ')} s (${processRestarts} worker restarts); ` +
        `${outcome.lost} lost, ${outcome.unfinished} stuck, ${outcome.duplicated} duplicated side effects (${outcome.webhookStages} webhook stages, ${outcome.deliveries} deliveries incl. ${outcome.redeliveries} redeliveries of a key); statuses ${JSON.stringify(outcome.counts)}\n`,
    );
    if (outcome.unfinished > 0) {
      process.stdout.write(await describeStuck(pool, ids));
      process.stdout.write(`Foresail log:\n${tailFile(foresail?.logFile ?? '', 40)}\n`);
    }
    for (const recovery of recoveries) {
      expect([...recovery.messages]).toContain('database restarting');
      expect(recovery.unexpected).toEqual([]);
    }
    expect(outcome.lost).toBe(0);
    expect(outcome.unfinished).toBe(0);
    expect(outcome.counts).toEqual({ SUCCEEDED: ids.length });
    expect(outcome.duplicated).toBe(0);
    expect(outcome.missing).toBe(0);
    expect(counter.unkeyed).toBe(0);
  });
});
