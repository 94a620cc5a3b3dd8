import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { judge, parseJudgeInput } from '@/lib/canary/stats';
import { InputError } from '@/lib/errors';
import { sentenceOf } from '@/lib/errors-in-words';
import { apiRoute, json, readJson } from '@/lib/http';

/**
 * The standalone judge, the same code as `foresail judge`: any signed-in user may call it, since it
 * reads and writes no stored data. Invalid input is a 400 naming each bad field.
 */
export const POST = apiRoute('/api/v1/canary/judge', async ({ req }) => {
  await requireUser(req);
  const checked = parseJudgeInput(await readJson(req, z.unknown()));
  if ('issues' in checked) throw new InputError(sentenceOf(checked.issues), checked.issues);
  return json(judge(checked.input));
});
