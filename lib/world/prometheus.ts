import fs from 'node:fs';
import path from 'node:path';
import { withLock } from './lock.ts';
import { servicesDir } from './paths.ts';
import { choosePort } from './ports.ts';
import { isOurProcess, spawnDetached, stopProcess, waitForReady } from './processes.ts';
import { isRecord, readState, writeJsonAtomic } from './state.ts';

export interface PrometheusInfo {
  url: string;
  pid: number;
}

const DEFAULT_PORT = 9391;

const dir = path.join(servicesDir, 'prometheus');
const files = {
  // Outside `dir`, which a fresh start wipes.
  lock: path.join(servicesDir, 'prometheus.lock'),
  config: path.join(dir, 'prometheus.yml'),
  data: path.join(dir, 'data'),
  log: path.join(dir, 'prometheus.log'),
  state: path.join(dir, 'state.json'),
};

// Nothing is scraped: tests push their series through remote write. The out-of-order window lets them push
// samples hours in the past (a canary's baseline); without it Prometheus answers "400 out of bounds" for
// anything older than about an hour before the newest sample.
const CONFIG = `global:
  scrape_interval: 15s
scrape_configs: []
storage:
  tsdb:
    out_of_order_time_window: 30d
`;

function isPrometheusInfo(value: unknown): value is PrometheusInfo {
  return isRecord(value) && typeof value.url === 'string' && typeof value.pid === 'number';
}

async function isReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** The Prometheus recorded in the state file, if it is still running and ready. */
export async function runningPrometheus(): Promise<PrometheusInfo | undefined> {
  const info = readState(files.state, isPrometheusInfo);
  if (!info || !isOurProcess(info.pid, files.config)) return undefined;
  return (await isReady(info.url)) ? info : undefined;
}

/**
 * Starts Debian's prometheus as a plain process with the remote-write receiver, or returns the one already
 * running. A fresh start wipes the TSDB so queries see only what the current run pushed.
 */
export async function startPrometheus(): Promise<PrometheusInfo> {
  return (await ensurePrometheus()).info;
}

/** Like startPrometheus(), also telling whether this call started it (under the lock, so without a race). */
export function ensurePrometheus(): Promise<{ info: PrometheusInfo; started: boolean }> {
  return withLock(files.lock, 'starting prometheus', async () => {
    const running = await runningPrometheus();
    return running ? { info: running, started: false } : { info: await startLocked(), started: true };
  });
}

async function startLocked(): Promise<PrometheusInfo> {
  await stopLocked(); // a recorded prometheus that no longer answers

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(files.data, { recursive: true });
  fs.writeFileSync(files.config, CONFIG);

  const port = await choosePort(DEFAULT_PORT);
  const url = `http://127.0.0.1:${port}`;
  const pid = spawnDetached(
    'prometheus',
    [
      `--config.file=${files.config}`,
      `--storage.tsdb.path=${files.data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      // Longer than the out-of-order window, so a pushed sample is not deleted before it may be queried.
      '--storage.tsdb.retention.time=31d',
    ],
    files.log,
  );
  const info: PrometheusInfo = { url, pid };
  writeJsonAtomic(files.state, info); // before waiting, so prometheus:down can clean up a failed start
  try {
    await waitForReady({
      what: `prometheus on ${url}`,
      probe: () => isReady(url),
      isAlive: () => isOurProcess(pid, files.config),
      logFile: files.log,
      timeoutMs: 30_000,
    });
  } catch (err) {
    await stopLocked();
    throw err;
  }
  return info;
}

/** Stops the recorded prometheus by PID (if it is ours and alive) and forgets it. */
export function stopPrometheus(): Promise<void> {
  return withLock(files.lock, 'stopping prometheus', stopLocked);
}

async function stopLocked(): Promise<void> {
  const info = readState(files.state, isPrometheusInfo);
  if (info) await stopProcess(info.pid, files.config);
  fs.rmSync(files.state, { force: true });
}
