/**
 * The fan-out benchmark's load generator, run as its own process (`node --import tsx
 * e2e/bench/sse-clients.ts`, pinned to a core of its own by the caller): many concurrent
 * server-sent-event clients of GET /api/v1/events, each with its own connection and API token.
 * Reads its job as one JSON line on stdin, opens every stream (a few at a time, as browsers
 * arriving), prints `connected <n> <failed> <first error>` once all have answered, and on the line
 * `stop` closes them and prints its result as JSON: when each event arrived at each client, and
 * how many events each client received of an application it was not given (must be none).
 */
import http from 'node:http';
import readline from 'node:readline';

export interface SseClient {
  /** Path with query, e.g. `/api/v1/events` or `/api/v1/events?application=fan-07`. */
  path: string;
  token: string;
  /** The one application this client's token may read. */
  application: string;
}

export interface SseJob {
  origin: string;
  clients: SseClient[];
  /** Streams opened at the same time while connecting. */
  connectConcurrency: number;
}

export interface SseResult {
  connected: number;
  /** Events received, as [event id, epoch ms received (fractional)] per client, in client order. */
  receipts: [string, number][][];
  /** Events of another application than the client's, per client. */
  foreign: number[];
  /** Streams that ended or failed before `stop`. */
  dropped: number;
  firstError?: string;
}

/** Wall-clock time with sub-millisecond precision, comparable across processes of one machine. */
const nowMs = () => performance.timeOrigin + performance.now();

interface Open {
  request: http.ClientRequest;
  done: boolean;
}

function open(job: SseJob, client: SseClient, index: number, result: SseResult, note: (message: string) => void): Promise<Open> {
  return new Promise((resolve, reject) => {
    const state: Open = { request: undefined as unknown as http.ClientRequest, done: false };
    const receipts = result.receipts[index] ?? [];
    state.request = http.get(new URL(client.path, job.origin), { agent: false, headers: { authorization: `Bearer ${client.token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${client.path} answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      let first = true;
      res.on('data', (text: string) => {
        const at = nowMs();
        if (first) {
          first = false;
          resolve(state);
        }
        buffer += text;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((line) => line.startsWith('data:'));
          if (!data) continue;
          const event = JSON.parse(data.slice(5)) as { id: string; application: string };
          receipts.push([event.id, at]);
          if (event.application !== client.application) result.foreign[index] = (result.foreign[index] ?? 0) + 1;
        }
      });
      res.on('end', () => {
        if (!state.done) {
          result.dropped += 1;
          note(`stream ${index} ended early`);
        }
      });
      res.on('error', () => undefined);
    });
    state.request.on('error', (err) => {
      if (!state.done) note(err.message);
      reject(err);
    });
  });
}

async function main(): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin });
  const iterator = lines[Symbol.asyncIterator]();
  const job = JSON.parse(String((await iterator.next()).value)) as SseJob;
  const result: SseResult = { connected: 0, receipts: job.clients.map(() => []), foreign: job.clients.map(() => 0), dropped: 0 };
  const note = (message: string) => {
    result.firstError ??= message;
  };
  const streams: Open[] = [];
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: job.connectConcurrency }, async () => {
      while (next < job.clients.length) {
        const i = next++;
        const client = job.clients[i];
        if (!client) continue;
        try {
          streams.push(await open(job, client, i, result, note));
          result.connected += 1;
        } catch (err) {
          failed += 1;
          note(err instanceof Error ? err.message : String(err));
        }
      }
    }),
  );
  process.stdout.write(`connected ${result.connected} ${failed} ${result.firstError ?? ''}\n`);
  for (;;) {
    const line = await iterator.next();
    if (line.done || String(line.value).trim() === 'stop') break;
  }
  for (const s of streams) {
    s.done = true;
    s.request.destroy();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  lines.close();
}

if (process.argv[1]?.endsWith('sse-clients.ts')) await main();
