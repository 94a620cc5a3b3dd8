import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { withLock } from './lock.ts';
import { servicesDir, testWorldRoot } from './paths.ts';
import { choosePort } from './ports.ts';
import { isOurProcess, spawnServer, stopProcess, waitForReady, type WorldServiceOptions } from './processes.ts';
import { isRecord, readState, writeJsonAtomic } from './state.ts';

export interface PrometheusInfo {
  url: string;
  pid: number;
}

export interface PrometheusOptions extends WorldServiceOptions {
  /**
   * A scrape job whose targets are files in `<prometheus dir>/targets/` (file-based discovery, which
   * Prometheus re-reads when they change): addScrapeTarget() adds one while it runs. None by
   * default: tests push their series through remote write.
   */
  scrapeJob?: { name: string; intervalSeconds: number };
}

const DEFAULT_PORT = 9391;
const lockTimeoutMs = 60_000;

function prometheusFiles(root: string) {
  const dir = path.join(servicesDir(root), 'prometheus');
  return {
    dir,
    // Outside `dir`, which a fresh start wipes.
    lock: path.join(servicesDir(root), 'prometheus.lock'),
    config: path.join(dir, 'prometheus.yml'),
    data: path.join(dir, 'data'),
    log: path.join(dir, 'prometheus.log'),
    state: path.join(dir, 'state.json'),
    targets: path.join(dir, 'targets'),
  };
}
type PrometheusFiles = ReturnType<typeof prometheusFiles>;

// The out-of-order window lets tests push samples hours in the past (a canary's baseline); without it
// Prometheus answers "400 out of bounds" for anything older than about an hour before the newest sample.
function renderConfig(files: PrometheusFiles, scrapeJob: PrometheusOptions['scrapeJob']): string {
  const scrapeConfigs = scrapeJob
    ? [
        {
          job_name: scrapeJob.name,
          scrape_interval: `${scrapeJob.intervalSeconds}s`,
          file_sd_configs: [{ files: [path.join(files.targets, '*.json')] }],
        },
      ]
    : [];
  return stringify({
    global: { scrape_interval: '15s' },
    scrape_configs: scrapeConfigs,
    storage: { tsdb: { out_of_order_time_window: '30d' } },
  });
}

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
export async function runningPrometheus(opts: Pick<WorldServiceOptions, 'root'> = {}): Promise<PrometheusInfo | undefined> {
  const files = prometheusFiles(opts.root ?? testWorldRoot);
  const info = readState(files.state, isPrometheusInfo);
  if (!info || !isOurProcess(info.pid, files.config)) return undefined;
  return (await isReady(info.url)) ? info : undefined;
}

/**
 * Starts Debian's prometheus as a plain process with the remote-write receiver, or returns the one already
 * running. A fresh start wipes the TSDB so queries see only what the current run pushed.
 */
export async function startPrometheus(opts: PrometheusOptions = {}): Promise<PrometheusInfo> {
  return (await ensurePrometheus(opts)).info;
}

/** Like startPrometheus(), also telling whether this call started it (under the lock, so without a race). */
export function ensurePrometheus(opts: PrometheusOptions = {}): Promise<{ info: PrometheusInfo; started: boolean }> {
  const files = prometheusFiles(opts.root ?? testWorldRoot);
  return withLock(
    files.lock,
    'starting prometheus',
    async () => {
      const running = await runningPrometheus(opts);
      // A running one was started with the same world's options: its configuration file says which.
      if (running && fs.readFileSync(files.config, 'utf8') === renderConfig(files, opts.scrapeJob)) return { info: running, started: false };
      return { info: await startLocked(files, opts), started: true };
    },
    { timeoutMs: lockTimeoutMs },
  );
}

/**
 * Adds (or replaces) the scrape target `name` of the world's scrape job: `url` is the address of a
 * /metrics endpoint on this machine. Prometheus picks the change up within seconds, without a restart.
 */
export function addScrapeTarget(opts: { root: string; name: string; url: string; labels?: Record<string, string> }): void {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(opts.name)) throw new Error(`Invalid scrape target name "${opts.name}": lowercase letters, digits and dashes`);
  const target = new URL(opts.url);
  const group = {
    targets: [target.host],
    labels: { ...opts.labels, __scheme__: target.protocol.replace(':', ''), __metrics_path__: target.pathname === '/' ? '/metrics' : target.pathname },
  };
  const files = prometheusFiles(opts.root);
  // Written whole (temporary file + rename): Prometheus must never read half a target list.
  writeJsonAtomic(path.join(files.targets, `${opts.name}.json`), [group]);
}

async function startLocked(files: PrometheusFiles, opts: PrometheusOptions): Promise<PrometheusInfo> {
  await stopLocked(files); // a recorded prometheus that no longer answers, or one configured differently

  fs.rmSync(files.dir, { recursive: true, force: true });
  fs.mkdirSync(files.data, { recursive: true });
  fs.mkdirSync(files.targets, { recursive: true });
  fs.writeFileSync(files.config, renderConfig(files, opts.scrapeJob));

  const port = await choosePort(opts.preferredPort ?? DEFAULT_PORT);
  const url = `http://127.0.0.1:${port}`;
  const pid = spawnServer(
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
    { detached: opts.detached },
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
    await stopLocked(files);
    throw err;
  }
  return info;
}

/** Stops the recorded prometheus by PID (if it is ours and alive) and forgets it. */
export function stopPrometheus(opts: Pick<WorldServiceOptions, 'root'> = {}): Promise<void> {
  const files = prometheusFiles(opts.root ?? testWorldRoot);
  return withLock(files.lock, 'stopping prometheus', () => stopLocked(files), { timeoutMs: lockTimeoutMs });
}

async function stopLocked(files: PrometheusFiles): Promise<void> {
  const info = readState(files.state, isPrometheusInfo);
  if (info) await stopProcess(info.pid, files.config);
  fs.rmSync(files.state, { force: true });
}
