import 'server-only';
import { readDemoWorldEnv } from '../config/demo-world';
import { getConfig } from '../env';
import { NotFoundError } from '../errors';
import { demoWorldPaths } from './demo-paths';
import type { WorldStatusDto } from './status';
import { readWorldStatus } from './status-file';

/** Does this Foresail run beside a demo world (`npm run demo`)? */
export function hasDemoWorld(): boolean {
  return getConfig().auth.demo && readDemoWorldEnv(process.env) !== undefined;
}

/** The demo world's status for the panel and the API; NotFoundError when there is no demo world. */
export function demoWorldStatus(): WorldStatusDto {
  if (!hasDemoWorld()) throw new NotFoundError('There is no demo world: Foresail is not running as `npm run demo`');
  return readWorldStatus(demoWorldPaths(getConfig().dataDir).statusFile);
}
