import { InputError } from '../../errors';
import { judgeForesail, type ForesailOptions } from './foresail/judge';
import { FORESAIL_JUDGE, selectedJudge, unknownJudgeMessage } from './foresail/settings';
import type { JudgeInput } from './input';
import { judge } from './judge';
import type { JudgeResult } from './types';

/**
 * Runs the judge the config names in `judge.name` (Kayenta's field): NetflixACAJudge-v1.0 when it
 * names none, foresail-v1 when asked. Foresail options (state, missing data, traffic share) only
 * matter to foresail-v1; Kayenta's judge looks at each window on its own.
 */
export function judgeByConfig(input: JudgeInput, options: ForesailOptions = {}): JudgeResult {
  const name = selectedJudge(input.config);
  if (typeof name === 'object') throw new InputError(unknownJudgeMessage(name.unknown), [{ path: 'config.judge.name', message: unknownJudgeMessage(name.unknown) }]);
  return name === FORESAIL_JUDGE ? judgeForesail(input, options) : judge(input);
}
