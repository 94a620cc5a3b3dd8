import type { PrometheusEndpoint } from '../canary/prometheus/client';
import type { ClusterClient } from '../kubernetes/client';
import type { Logger } from '../log';
import type { Artifact, KnownStageType, RunStageOf } from '../pipeline';
import type { StageDto } from '../pipeline/execution';

/** What a stage sees of its execution (plain data). */
export interface ExecutionView {
  id: string;
  application: string;
  pipelineId: string | null;
  pipelineName: string;
  status: string;
  trigger: Record<string, unknown>;
  /** Whose permissions the stages act with. */
  authentication: { user: string | null; roles: string[] };
}

/** A stage as stored: the run config is in `context` (expressions already evaluated). The API's stage fields, less bookkeeping. */
export type StageView = Pick<StageDto, 'id' | 'refId' | 'type' | 'name' | 'status' | 'requisiteStageRefIds' | 'parentStageId' | 'startTime' | 'endTime' | 'context' | 'outputs'>;

export interface TaskProgress {
  name: string;
  status: 'NOT_STARTED' | 'RUNNING' | 'SUCCEEDED' | 'TERMINAL' | 'SKIPPED' | 'CANCELED';
  startTime?: number;
  endTime?: number;
}

/**
 * The result of one run of a stage handler. The engine persists it and decides what happens next:
 * `running` runs the handler again after `pollAfterMs` (with `state`), `waiting` runs it again only
 * when something external happens (a judgment) or at `wakeAtMs`, `succeeded`/`failed` complete it.
 */
export type StageResult<S = unknown> =
  | { status: 'running'; state: S; pollAfterMs: number; tasks?: TaskProgress[]; outputs?: Record<string, unknown> }
  | { status: 'waiting'; state: S; wakeAtMs?: number; tasks?: TaskProgress[]; outputs?: Record<string, unknown> }
  | { status: 'succeeded'; outputs?: Record<string, unknown>; tasks?: TaskProgress[] }
  /** A failure in words a release manager understands; `details` are shown behind a disclosure. */
  | { status: 'failed'; reason: string; details?: string[]; outputs?: Record<string, unknown>; tasks?: TaskProgress[] };

/** Things stages may do beyond their own module, provided by the engine (stages never import it). */
export interface StageServices {
  /** HTTP to user-chosen URLs through the egress policy (lib/egress). */
  egressFetch(url: string, init: EgressRequestInit): Promise<EgressResponse>;
  /** Starts another pipeline as a child of this stage (the `pipeline` stage). */
  startChildPipeline(input: { application: string; pipelineId: string; parameters: Record<string, string> }): Promise<{ executionId: string; name: string }>;
  /** A child or any execution's current status and outputs, for polling. */
  executionSummary(id: string): Promise<{ id: string; name: string; status: string; outputs: Record<string, unknown> } | undefined>;
  /**
   * The artifacts of the newest execution of pipeline `pipelineId` (of `application`, which this run
   * must be able to READ) in one of `statuses`, other than this one: what findArtifactFromExecution
   * searches. Undefined when there is no such execution; rejects in words for a missing pipeline.
   */
  lastExecutionArtifacts(input: { application: string; pipelineId: string; statuses: readonly string[] }): Promise<{ id: string; status: string; artifacts: Artifact[] } | undefined>;
  /**
   * The content of a remote artifact (http/file, github/file, a file of a git/repo), fetched through
   * its configured artifact account under the egress policy; an error in words (naming `what`)
   * otherwise. Credentials stay in the service: they never reach stage outputs or logs.
   */
  fetchArtifact(artifact: Record<string, unknown>, what: string): Promise<{ bytes: Buffer } | { error: string }>;
  /**
   * Clones a git/repo artifact into `dir` (a folder the stage made and removes): `path` is the folder
   * the artifact stands for (its sub-path), `root` the repository's top. An error in words otherwise.
   */
  checkoutArtifact(artifact: Record<string, unknown>, what: string, dir: string): Promise<{ root: string; path: string } | { error: string }>;
  /**
   * Keeps `content` (an artifact that shows Secret values) server-side, for later stages of this
   * execution's application; returns the id a redacted artifact carries instead of the values.
   */
  sealArtifact(content: string): Promise<string>;
  /** Content sealed by a run of this execution's application; undefined for an unknown id or another application's. */
  unsealArtifact(id: string): Promise<string | undefined>;
  /** The Helm 3 binary bakeManifest runs (configuration: bake.helmBinary). */
  helmBinary(): string;
  /** The kustomize binary bakeManifest runs for KUSTOMIZE (configuration: bake.kustomizeBinary). */
  kustomizeBinary(): string;
  /** Cancels an execution this stage started (cancel routines). */
  cancelExecution(id: string, reason: string): Promise<void>;
  /** A stored canary config (Kayenta's format, unvalidated) of the application by id or name; undefined when there is none. */
  canaryConfig(application: string, idOrName: string): Promise<unknown>;
  /**
   * A Prometheus metrics account from configuration, credentials resolved, queried under its own
   * egress policy. Rejects (with a message naming the account and the roles needed) unless the
   * execution's roles hold READ on it; an unknown name is rejected naming the accounts it may use.
   */
  prometheusAccount(name: string | undefined): Promise<PrometheusEndpoint>;
  /**
   * The client of a configured Kubernetes account. Rejects (with a message naming the account and the
   * roles needed) unless the execution's roles hold WRITE on the account.
   */
  kubernetes(account: string): Promise<ClusterClient>;
}

export interface EgressRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Server certificate checks (a metrics account's private CA); default: Node's CAs, full checks. */
  tls?: { ca?: string; rejectUnauthorized?: boolean };
}

export interface EgressResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The final URL after any (policy-checked) redirects. */
  url: string;
}

export interface StageContext<T extends KnownStageType, S = unknown> {
  execution: ExecutionView;
  /** This stage; `config` is its typed run config (after expressions). */
  stage: StageView & { config: RunStageOf<T> };
  /** Undefined on the first run. */
  state: S | undefined;
  /** Every stage of the execution, for lookups by refId or name. */
  stages: StageView[];
  now(): number;
  /** Aborted when the worker shuts down; long calls should give up and be re-run later. */
  signal: AbortSignal;
  log: Logger;
  services: StageServices;
}

/** A child stage a stage expands into (Orca's synthetic before/after stages). */
export interface SyntheticStageDef {
  owner: 'STAGE_BEFORE' | 'STAGE_AFTER';
  type: KnownStageType;
  name: string;
  /** The child's config (its own fields; expressions are evaluated when it starts). */
  context: Record<string, unknown>;
}

export interface StageHandler<T extends KnownStageType, S = unknown> {
  type: T;
  /**
   * Stages that expand into synthetic children return them here when the stage starts: the
   * before-children run in order, then `run`, then the after-children. A halted child fails the stage.
   */
  syntheticStages?(config: RunStageOf<T>, execution: ExecutionView): SyntheticStageDef[];
  run(ctx: StageContext<T, S>): Promise<StageResult<S>>;
  /** Cleans up when the stage is canceled while running (delete a job, restore weights…). Idempotent. */
  cancel?(ctx: StageContext<T, S>): Promise<void>;
  /** A default timeout when the stage sets none (ms). */
  defaultTimeoutMs?: number;
  /**
   * `run` is pure and quick (no services, no I/O): the engine may call it inside the transaction
   * that starts the stage instead of queueing a separate run job.
   */
  instant?: boolean;
  /** The handler enforces the stage timeout itself (with its own wording); the engine does not. */
  ownTimeout?: boolean;
}

// `unknown` state: run and cancel are methods, so handlers with a specific state type fit (bivariance).
export type AnyStageHandler = { [T in KnownStageType]: StageHandler<T, unknown> }[KnownStageType];
