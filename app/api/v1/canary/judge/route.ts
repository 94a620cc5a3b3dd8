import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { parseJudgeInput } from '@/lib/canary/stats';
import { judgeByConfig } from '@/lib/canary/stats/judges';
import { InputError } from '@/lib/errors';
import { sentenceOf } from '@/lib/errors-in-words';
import { apiRoute, json, readJson } from '@/lib/http';

/**
 * The standalone judge, the same code as `foresail judge`: any signed-in user may call it, since it
 * reads and writes no stored data. The config's `judge.name` picks the judge (Kayenta's by default;
 * foresail-v1 answers with `sequential.state` to send back with the next interval's points).
 * Invalid input is a 400 naming each bad field.
 */
export const POST = apiRoute('/api/v1/canary/judge', async ({ req }) => {
  await requireUser(req);
  const checked = parseJudgeInput(await readJson(req, z.unknown()));
  if ('issues' in checked) throw new InputError(sentenceOf(checked.issues), checked.issues);
  const { state, canaryTrafficShare } = checked.input;
  return json(judgeByConfig(checked.input, { state, canaryTrafficShare }));
});
