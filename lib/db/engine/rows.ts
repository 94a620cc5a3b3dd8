/** Engine rows as plain data (snake_case SQL mapped to camelCase). */

export interface PausedInfo {
  pausedBy?: string;
  pauseTime?: number;
  resumedBy?: string;
  resumeTime?: number;
  pausedMs?: number;
}

export interface ExecutionRow {
  id: string;
  application: string;
  pipelineId: string | null;
  pipelineName: string;
  status: string;
  trigger: Record<string, unknown>;
  config: Record<string, unknown>;
  triggerType: string;
  triggerUser: string | null;
  authentication: { user: string | null; roles: string[] };
  startTime: Date | null;
  endTime: Date | null;
  canceled: boolean;
  canceledBy: string | null;
  cancellationReason: string | null;
  paused: PausedInfo | null;
  parentExecutionId: string | null;
  parentStageId: string | null;
  lastProgressAt: Date;
  createdAt: Date;
}

export interface StageRow {
  id: string;
  executionId: string;
  refId: string;
  type: string;
  name: string;
  status: string;
  requisiteStageRefIds: string[];
  parentStageId: string | null;
  syntheticStageOwner: string | null;
  position: number;
  context: Record<string, unknown>;
  outputs: Record<string, unknown>;
  tasks: unknown[];
  state: unknown;
  attempt: number;
  waiting: boolean;
  startTime: Date | null;
  endTime: Date | null;
  lastModified: { user: string; time: number } | null;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function toExecution(r: Record<string, unknown>): ExecutionRow {
  const auth = obj(r.authentication);
  return {
    id: String(r.id),
    application: String(r.application),
    pipelineId: (r.pipeline_id as string | null) ?? null,
    pipelineName: String(r.pipeline_name),
    status: String(r.status),
    trigger: obj(r.trigger),
    config: obj(r.config),
    triggerType: String(r.trigger_type),
    triggerUser: (r.trigger_user as string | null) ?? null,
    authentication: { user: typeof auth.user === 'string' ? auth.user : null, roles: Array.isArray(auth.roles) ? auth.roles.map(String) : [] },
    startTime: (r.start_time as Date | null) ?? null,
    endTime: (r.end_time as Date | null) ?? null,
    canceled: r.canceled === true,
    canceledBy: (r.canceled_by as string | null) ?? null,
    cancellationReason: (r.cancellation_reason as string | null) ?? null,
    paused: r.paused ? (r.paused as PausedInfo) : null,
    parentExecutionId: (r.parent_execution_id as string | null) ?? null,
    parentStageId: (r.parent_stage_id as string | null) ?? null,
    lastProgressAt: r.last_progress_at as Date,
    createdAt: r.created_at as Date,
  };
}

export function toStage(r: Record<string, unknown>): StageRow {
  return {
    id: String(r.id),
    executionId: String(r.execution_id),
    refId: String(r.ref_id),
    type: String(r.type),
    name: String(r.name),
    status: String(r.status),
    requisiteStageRefIds: Array.isArray(r.requisite_stage_ref_ids) ? r.requisite_stage_ref_ids.map(String) : [],
    parentStageId: (r.parent_stage_id as string | null) ?? null,
    syntheticStageOwner: (r.synthetic_stage_owner as string | null) ?? null,
    position: Number(r.position),
    context: obj(r.context),
    outputs: obj(r.outputs),
    tasks: Array.isArray(r.tasks) ? r.tasks : [],
    state: r.state ?? null,
    attempt: Number(r.attempt),
    waiting: r.waiting === true,
    startTime: (r.start_time as Date | null) ?? null,
    endTime: (r.end_time as Date | null) ?? null,
    lastModified: (r.last_modified as StageRow['lastModified']) ?? null,
  };
}
