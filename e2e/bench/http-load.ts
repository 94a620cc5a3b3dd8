/**
 * The benchmarks' load generator, run as its own process (`node --import tsx e2e/bench/http-load.ts`,
 * pinned to a core of its own by the caller) so that its work is not counted in the server's and the
 * two do not share one event loop. Closed loop: `clients` callers over keep-alive connections, each
 * sending its next request when the last one answered, `requests` in all after `warmUp` unmeasured.
 * Reads its job as JSON on stdin, writes its result as JSON on stdout, and stops by itself.
 */
import http from 'node:http';
import { percentile } from './stats';

export interface LoadJob {
  origin: string;
  /** Paths with query, used round-robin: request i asks for paths[i % paths.length]. */
  paths: string[];
  headers: Record<string, string>;
  clients: number;
  requests: number;
  warmUp: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean JSON bytes of an answer. */
  meanBytes: number;
  errors: number;
  firstError?: string;
}

function get(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.byteLength, body: res.statusCode === 200 ? '' : body.toString('utf8').slice(0, 300) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const phase = async (count: number, record: boolean) => {
    next = 0;
    await Promise.all(
      Array.from({ length: job.clients }, async () => {
        while (next < count) {
          const i = next++;
          const url = new URL(job.paths[i % job.paths.length] ?? '/', job.origin);
          const t0 = performance.now();
          try {
            const res = await get(agent, url, job.headers);
            const elapsed = performance.now() - t0;
            if (res.status !== 200) throw new Error(`${url.pathname}${url.search} answered ${res.status}: ${res.body}`);
            if (record) {
              latencies.push(elapsed);
              bytes += res.bytes;
            }
          } catch (err) {
            errors += 1;
            firstError ??= err instanceof Error ? err.message : String(err);
          }
        }
      }),
    );
  };
  await phase(job.warmUp, false);
  const started = performance.now();
  await phase(job.requests, true);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    meanBytes: latencies.length > 0 ? bytes / latencies.length : 0,
    errors,
    ...(firstError ? { firstError } : {}),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (process.argv[1]?.endsWith('http-load.ts')) {
  const job = JSON.parse(await readStdin()) as LoadJob;
  process.stdout.write(`${JSON.stringify(await runLoad(job))}\n`);
}
