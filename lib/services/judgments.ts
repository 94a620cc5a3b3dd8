import 'server-only';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { visibleApplications } from '../auth/visible-applications';
import { listWaitingJudgments, type WaitingJudgmentRow } from '../db/judgments';
import type { AwaitingJudgment, MyJudgments } from '../pipeline/judgments';
import { judgmentRoles } from './executions';

/** The most judgments GET /api/v1/me/judgments lists (count has them all). */
export const JUDGMENT_ITEMS_LIMIT = 50;

/**
 * Waiting judgments this user may decide, newest first: the same rule as the judgment route
 * (`judge` in services/executions) — EXECUTE on the application and, when the stage names roles,
 * one of them. Applied here in code rather than re-stated in SQL, so the two cannot drift apart.
 */
export async function judgmentsAwaiting(user: SessionUser): Promise<WaitingJudgmentRow[]> {
  const executable = (await visibleApplications(user)).filter((app) => can(user, 'execute', applicationResource(app)));
  const permissions = new Map(executable.map((app) => [app.name, app.permissions]));
  const rows = await listWaitingJudgments(executable.map((app) => app.name));
  return rows.filter((row) => {
    const appPermissions = permissions.get(row.application);
    return appPermissions !== undefined && can(user, 'judge', { kind: 'judgment', application: { name: row.application, permissions: appPermissions }, stageRoles: judgmentRoles(row.roleContext) });
  });
}

function toItem(row: WaitingJudgmentRow): AwaitingJudgment {
  return {
    application: row.application,
    executionId: row.executionId,
    executionName: row.executionName,
    pipelineConfigId: row.pipelineConfigId,
    stageId: row.stageId,
    stageName: row.stageName,
    waitingSince: row.waitingSince,
    ...(row.instructions !== null ? { instructions: row.instructions } : {}),
  };
}

export async function myJudgments(user: SessionUser): Promise<MyJudgments> {
  const rows = await judgmentsAwaiting(user);
  return { count: rows.length, items: rows.slice(0, JUDGMENT_ITEMS_LIMIT).map(toItem) };
}
