import type { z } from 'zod';
import { can, type PermissionLists } from '../auth/permissions';
import { triggerSchemas } from '../pipeline';
import { isEnabled, typedTriggers } from './evaluate';

/**
 * Pipeline-completion triggers, as Orca's DependentPipelineExecutionListener fires them: when an
 * execution completes, every enabled pipeline of an enabled pipeline config whose `pipeline` is the
 * upstream config id and whose `status` list holds the upstream outcome starts.
 */

export type PipelineTrigger = z.output<typeof triggerSchemas.pipeline>;

/** The outcome words a pipeline trigger lists. */
export type UpstreamOutcome = 'successful' | 'failed' | 'canceled';

/**
 * Orca's convertStatus: SUCCEEDED → successful, CANCELED → canceled, every other completed status
 * (TERMINAL, FAILED_CONTINUE, STOPPED) → failed. SUSPENDED (Orca's "suspended", which no trigger can
 * select) and statuses that are not final start nothing.
 */
export function upstreamOutcome(status: string): UpstreamOutcome | undefined {
  switch (status) {
    case 'SUCCEEDED':
      return 'successful';
    case 'CANCELED':
      return 'canceled';
    case 'TERMINAL':
    case 'FAILED_CONTINUE':
    case 'STOPPED':
      return 'failed';
    default:
      return undefined;
  }
}

export interface CompletedExecution {
  id: string;
  application: string;
  /** The pipeline config id the execution ran. */
  pipelineId: string;
  status: string;
}

export interface PipelineTriggerCandidate {
  pipelineId: string;
  application: string;
  /** Disabled pipeline configs are skipped (Orca filters `!it.disabled`). */
  disabled?: boolean;
  triggers: readonly unknown[];
}

export interface PipelineTriggerMatch {
  pipelineId: string;
  /** The child's application. */
  application: string;
  trigger: PipelineTrigger;
  triggerIndex: number;
  outcome: UpstreamOutcome;
}

/**
 * The children to start. Orca starts one child per matching trigger; Foresail starts a pipeline
 * once per upstream completion (its first matching trigger), since two triggers on the same
 * upstream would otherwise run the child twice for one event. `application`, when a trigger sets
 * it, must name the upstream application (pipeline ids are unique anyway; this catches copy-paste).
 */
export function matchPipelineTriggers(completed: CompletedExecution, candidates: readonly PipelineTriggerCandidate[]): PipelineTriggerMatch[] {
  const outcome = upstreamOutcome(completed.status);
  if (!outcome) return [];
  const matches: PipelineTriggerMatch[] = [];
  for (const candidate of candidates) {
    if (candidate.disabled) continue;
    const found = typedTriggers(candidate.triggers, 'pipeline', triggerSchemas.pipeline).find(
      ({ trigger }) =>
        isEnabled(trigger) &&
        trigger.pipeline === completed.pipelineId &&
        (!trigger.application || trigger.application.toLowerCase() === completed.application.toLowerCase()) &&
        (trigger.status ?? []).some((status) => status.toLowerCase() === outcome),
    );
    if (found) matches.push({ pipelineId: candidate.pipelineId, application: candidate.application, trigger: found.trigger, triggerIndex: found.index, outcome });
  }
  return matches;
}

export interface ParentExecution {
  /** The whole upstream execution, as the execution API returns it (the child's SpEL reads it). */
  execution: Record<string, unknown> & { id: string };
  pipelineId: string;
  pipelineName: string;
  application: string;
  status: string;
}

/** The child's execution trigger (reference §2.4 pipeline). */
export function childPipelineTrigger(match: PipelineTriggerMatch, parent: ParentExecution): Record<string, unknown> {
  return {
    ...match.trigger,
    type: 'pipeline',
    parentExecution: parent.execution,
    parentPipelineId: parent.pipelineId,
    parentPipelineName: parent.pipelineName,
    parentPipelineApplication: parent.application,
    parentStatus: parent.status,
    isPipeline: true,
  };
}

export interface ApplicationAccess {
  name: string;
  permissions: PermissionLists;
}

/**
 * Why a child of another application may not start from this upstream execution, or undefined.
 * The child's trigger carries the upstream's trigger (parameters, webhook payload) to everyone who
 * may read the child, so each role that may read the child application must be able to read the
 * upstream application too (admin roles read everything). Checked when the trigger fires; saving
 * such a trigger also needs READ on the upstream (lib/pipeline/checks/references).
 */
export function upstreamReadRefusal(upstream: ApplicationAccess, child: ApplicationAccess, adminRoles: readonly string[]): string | undefined {
  if (upstream.name === child.name) return undefined;
  const childReaders = [...new Set([...(child.permissions.READ ?? []), ...(child.permissions.WRITE ?? []), ...(child.permissions.EXECUTE ?? [])])];
  const resource = { kind: 'application', name: upstream.name, permissions: upstream.permissions } as const;
  const blind = childReaders.filter((role) => !can({ login: role, roles: [role], isAdmin: adminRoles.includes(role), canCreateApplications: false }, 'read', resource));
  if (blind.length === 0) return undefined;
  return `a pipeline trigger on another application needs READ on it: roles ${blind.join(', ')} may read ${child.name} but not ${upstream.name}, and would see its execution's trigger (grant them READ on ${upstream.name}, or trigger from a pipeline of ${child.name})`;
}
