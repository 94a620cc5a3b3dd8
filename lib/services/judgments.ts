import 'server-only';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { visibleApplications } from '../auth/visible-applications';
import { listWaitingJudgments, type WaitingJudgmentRow } from '../db/judgments';
import type { AwaitingJudgment, MyJudgments } from '../pipeline/judgments';
import { mayJudge } from './executions';

/** The most judgments GET /api/v1/me/judgments lists (count has them all). */
export const JUDGMENT_ITEMS_LIMIT = 50;

/**
 * Waiting judgments this user may decide, newest first, by the judgment route's own rule
 * (`mayJudge` in services/executions), applied here in code rather than re-stated in SQL.
 */
export async function judgmentsAwaiting(user: SessionUser): Promise<WaitingJudgmentRow[]> {
  const executable = (await visibleApplications(user)).filter((app) => can(user, 'execute', applicationResource(app)));
  const byName = new Map(executable.map((app) => [app.name, app]));
  const rows = await listWaitingJudgments(executable.map((app) => app.name));
  return rows.filter((row) => {
    const application = byName.get(row.application);
    return application !== undefined && mayJudge(user, application, row.roleContext);
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
