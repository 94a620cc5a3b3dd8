/**
 * (Issue 20, target 6) Idle memory alone, without start-up timings: `npm start` on a new data folder,
 * stopped and started again (so PostgreSQL's first-start work is behind it), 10 s of idleness, then
 * every process's memory (idle-memory.ts), beside an empty Node process's as the floor. Needs the production build (`npm run build`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../lib/runtime/processes';
import { emptyNodeRss, idleMemoryRows } from './idle-memory';
import { npmStart } from './startup';
import type { Bench, BenchRow } from './types';

const root = path.resolve(import.meta.dirname, '..', '..');

export const memoryBench: Bench = {
  id: 'memory',
  title: 'Idle memory of every process of `npm start` (issue 20, target 6)',
  async run(): Promise<BenchRow[]> {
    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('run `npm run build` first');
    const dataDir = makeTempDir('foresail-bench-memory-');
    try {
      await (await npmStart(dataDir)).stop();
      const started = await npmStart(dataDir);
      try {
        await new Promise((r) => setTimeout(r, 10_000));
        return idleMemoryRows(started.pid, await emptyNodeRss());
      } finally {
        await started.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
