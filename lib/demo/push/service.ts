import 'server-only';
import type { SessionUser } from '../../auth/principal';
import { assertCan } from '../../auth/permissions';
import { applicationResource } from '../../auth/resources';
import { publicBaseUrl } from '../../config/base-url';
import { getConfig } from '../../env';
import { NotFoundError } from '../../errors';
import { visibleApplication } from '../../auth/visible-applications';
import { goldengoose } from '../goldengoose';
import type { DemoPushRequest } from './request';
import { pushChange, type PushResult } from './send';

/**
 * Who may "Push a change": demo mode only (404 otherwise, so nothing hints at it), and only someone
 * who may run goldengoose's pipelines (a push starts them). Checked before the request body is read.
 */
export async function assertMayPush(user: SessionUser): Promise<void> {
  if (!getConfig().auth.demo) throw new NotFoundError('There is no demo push: Foresail is not running as `npm run demo`');
  const application = await visibleApplication(user, goldengoose.application);
  assertCan(user, 'execute', applicationResource(application));
}

/**
 * Pushes the change: the delivery goes to the address this server listens on, as GitHub would deliver
 * it to Foresail's public address.
 */
export async function demoPush(user: SessionUser, input: DemoPushRequest): Promise<PushResult> {
  await assertMayPush(user);
  const { server, dataDir } = getConfig();
  const webhookUrl = `${publicBaseUrl({ host: server.host, port: server.port })}/api/webhooks/github`;
  return pushChange({ profile: input.profile, pusher: user.login, dataDir, webhookUrl });
}
