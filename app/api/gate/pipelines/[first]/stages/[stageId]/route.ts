import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';
import { judge, skipStageFor, stageAction, visibleExecution } from '@/lib/services/executions';
import { requestMeta } from '@/lib/request-meta';

const patch = z.looseObject({
  judgmentStatus: z.enum(['continue', 'stop']).optional(),
  judgmentInput: z.string().max(1000).optional(),
  manualSkip: z.boolean().optional(),
  skipRemainingWait: z.boolean().optional(),
  /** Deck asks for it when skipping. */
  reason: z.string().max(1000).optional(),
});

/** Deck's stage PATCH: a manual judgment, a manual skip (same rule as v1; the reason is optional, as in Orca), or "skip remaining wait". Answers the execution. */
export const PATCH = apiRoute<{ first: string; stageId: string }>('/api/gate/pipelines/[id]/stages/[stageId]', async ({ req, params }) => {
  const user = await requireUser(req);
  const body = await readJson(req, patch);
  if (body.judgmentStatus) await judge(requestMeta(req), user, params.first, params.stageId, body.judgmentStatus, body.judgmentInput);
  else if (body.skipRemainingWait) await stageAction(requestMeta(req), user, params.first, params.stageId, 'skip-wait');
  else if (body.manualSkip) await skipStageFor(requestMeta(req), user, params.first, params.stageId, body.reason);
  else throw new ValidationError('Send judgmentStatus, manualSkip or skipRemainingWait', [{ path: '', message: 'nothing to do' }]);
  return json((await visibleExecution(user, params.first)).execution);
});
