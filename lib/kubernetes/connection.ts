import 'server-only';
import fs from 'node:fs';
import { IsomorphicFetchHttpLibrary, KubeConfig, RequestContext, type HttpMethod } from '@kubernetes/client-node';
import { fetch, type Dispatcher } from 'undici';
import { failureFromException, failureFromResponse, KubernetesFailure } from './errors';
import type { KubernetesAccountSettings } from './types';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** In words, for failure messages: "applying Deployment web in shop". */
  what: string;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One account's authenticated HTTP channel. The client library supplies credentials and TLS (its
 * KubeConfig), but bodies go out and come back as plain JSON: its typed serializer drops fields it does
 * not know, which would hide a manifest's mistakes from the apiserver's own validation.
 */
export class Connection {
  private readonly http = new IsomorphicFetchHttpLibrary();
  /**
   * The library makes a new dispatcher (a new TCP+TLS connection) for every request; kubectl keeps one.
   * The TLS material cannot change while this Connection lives (a rewritten kubeconfig makes a new one),
   * so the first dispatcher is kept and reused; headers (tokens) are still applied per request.
   */
  private dispatcher: Dispatcher | undefined;

  constructor(
    readonly account: string,
    private readonly kc: KubeConfig,
    readonly server: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** The credentials, for the client library's streaming helpers (watch). */
  get kubeConfig(): KubeConfig {
    return this.kc;
  }

  async request<T>(req: KubeRequest): Promise<T> {
    const what = `${req.what} on account ${this.account}`;
    const url = new URL(this.server.replace(/\/$/, '') + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const ctx = new RequestContext(url.toString(), req.method as HttpMethod);
    ctx.setHeaderParam('Accept', req.accept ?? 'application/json');
    if (req.body !== undefined) {
      ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
      ctx.setBody(JSON.stringify(req.body));
    }
    const deadline = AbortSignal.timeout(this.timeoutMs);
    ctx.setSignal(req.signal ? AbortSignal.any([req.signal, deadline]) : deadline);
    let status: number;
    let text: string;
    try {
      await this.kc.applySecurityAuthentication(ctx);
      if (this.dispatcher) ctx.setDispatcher(this.dispatcher);
      else this.dispatcher = ctx.getDispatcher();
      const response = await this.http.send(ctx).toPromise();
      status = response.httpStatusCode;
      text = await response.body.text();
    } catch (err) {
      throw failureFromException(err, what);
    }
    const body = parseJson(text);
    if (status >= 200 && status < 300) return body as T;
    throw failureFromResponse(status, body, what);
  }
}

/** Longer than the apiserver's bookmark interval (about a minute), so a quiet watch is not cut. */
const WATCH_IDLE_MS = 90_000;

export interface WatchHandle {
  stop(): void;
}

/**
 * Streams a watch (`?watch=true`) on `path` from the resourceVersion in `query`: `onEvent` gets each
 * ADDED/MODIFIED/DELETED/BOOKMARK/ERROR event in order, `onDone` the end (closed by the server, failed,
 * idle for too long, or stopped). The caller relists on an ERROR event (410: its resourceVersion is
 * too old). The client library's Watch cuts a watch after 30 s without events, fewer than bookmarks need.
 */
export async function watchPath(
  connection: Connection,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  onEvent: (type: string, object: unknown) => void,
  onDone: (err: unknown) => void,
): Promise<WatchHandle> {
  const url = new URL(connection.server.replace(/\/$/, '') + path);
  url.searchParams.set('watch', 'true');
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  const controller = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new KubernetesFailure('timeout', `Watch of ${path} on account ${connection.account} was idle too long`)), WATCH_IDLE_MS);
    idle.unref();
  };
  let finished = false;
  const finish = (err: unknown) => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    controller.abort();
    onDone(err);
  };
  const ctx = new RequestContext(url.toString(), 'GET' as HttpMethod);
  try {
    await connection.kubeConfig.applySecurityAuthentication(ctx);
  } catch (err) {
    throw failureFromException(err, `watching ${path} on account ${connection.account}`);
  }
  touch();
  void (async () => {
    const response = await fetch(url, { headers: ctx.getHeaders(), dispatcher: ctx.getDispatcher(), signal: controller.signal });
    if (response.status !== 200 || !response.body) {
      const text = await response.text().catch(() => '');
      throw failureFromResponse(response.status, parseJson(text), `watching ${path} on account ${connection.account}`);
    }
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      touch();
      buffered += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        const event = line ? (parseJson(line) as { type?: unknown; object?: unknown } | undefined) : undefined;
        if (event && typeof event.type === 'string') onEvent(event.type, event.object);
      }
    }
  })().then(
    () => finish(null),
    (err: unknown) => finish(controller.signal.aborted && !(controller.signal.reason instanceof KubernetesFailure) ? null : err),
  );
  return { stop: () => finish(null) };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function kubeConfigFor(account: KubernetesAccountSettings): KubeConfig {
  const kc = new KubeConfig();
  if (account.inCluster) {
    kc.loadFromCluster();
    return kc;
  }
  if (!account.kubeconfigFile) throw new KubernetesFailure('unknown', `Account ${account.name} has neither a kubeconfig file nor inCluster: true`);
  try {
    kc.loadFromFile(account.kubeconfigFile);
    if (account.context) kc.setCurrentContext(account.context);
  } catch {
    // The library's message may quote the file; the path and context are enough to act on.
    throw new KubernetesFailure('unknown', `Account ${account.name}: cannot load context ${account.context ?? '(current)'} from ${account.kubeconfigFile}`);
  }
  return kc;
}

const connections = new Map<string, { key: string; connection: Connection }>();

/**
 * The account's connection, cached. The key includes the kubeconfig's modification time, so a rewritten
 * file (rotated token, restarted test cluster) takes effect without a restart.
 */
export function connectionFor(account: KubernetesAccountSettings): Connection {
  const mtime = account.kubeconfigFile && fs.existsSync(account.kubeconfigFile) ? fs.statSync(account.kubeconfigFile).mtimeMs : 0;
  const key = JSON.stringify([account.kubeconfigFile, account.context, account.inCluster, mtime]);
  const cached = connections.get(account.name);
  if (cached?.key === key) return cached.connection;
  const kc = kubeConfigFor(account);
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new KubernetesFailure('unknown', `Account ${account.name}: its kubeconfig context names no cluster server`);
  const connection = new Connection(account.name, kc, server);
  connections.set(account.name, { key, connection });
  return connection;
}
