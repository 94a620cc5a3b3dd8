import 'server-only';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { listPipelines } from '../../db/pipelines';
import { InputError } from '../../errors';
import { commitsFile, readCommits, recordCommit } from '../commits';
import { goldengoose, imageForCommit } from '../goldengoose';
import { profiles, type ProfileName } from '../profiles';
import { githubPushPayload } from './payload';

export interface PushChangeOptions {
  profile: ProfileName;
  /** The GitHub login of the person pushing. */
  pusher: string;
  dataDir: string;
  /** Foresail's own GitHub webhook, e.g. http://127.0.0.1:3000/api/webhooks/github. */
  webhookUrl: string;
  /** How the delivery is sent (tests hand the route handler itself); default fetch. */
  send?: (url: string, init: RequestInit) => Promise<Response>;
}

export interface PushResult {
  sha: string;
  image: string;
  deliveryId: string;
  /** Foresail's answer to the delivery, as GitHub would log it. */
  status: number;
  response: unknown;
}

/** The same id GitHub gives one webhook: stable, so deliveries look like they come from one hook. */
const HOOK_ID = 471_209_316;

/**
 * The secret the Build pipeline's push trigger holds: "Push a change" signs with it, as GitHub signs
 * with the secret configured on the hook. Whatever people changed it to, the demo push follows.
 */
async function buildTriggerSecret(): Promise<string> {
  const { owner, name, branch } = goldengoose.repository;
  for (const pipeline of await listPipelines(goldengoose.application)) {
    if (pipeline.disabled) continue;
    const triggers = Array.isArray(pipeline.config.triggers) ? (pipeline.config.triggers as Record<string, unknown>[]) : [];
    const trigger = triggers.find((t) => t.type === 'git' && t.source === 'github' && t.project === owner && t.slug === name && (t.branch ?? branch) === branch && t.enabled !== false);
    if (trigger && typeof trigger.secret === 'string' && trigger.secret !== '') return trigger.secret;
  }
  throw new InputError(`No enabled pipeline of ${goldengoose.application} has a signed GitHub push trigger for ${owner}/${name} ${branch}; restart the demo to seed the Build pipeline again, or give its trigger a secret`);
}

/**
 * "Push a change" (demo mode): a new commit of example/goldengoose with the chosen profile, recorded
 * where the traffic simulator looks up how its image behaves, then delivered as GitHub delivers a
 * push: a signed POST to Foresail's own webhook. Nothing else is special about it: the Build
 * pipeline starts because its trigger matches, exactly as for a real push.
 */
export async function pushChange(opts: PushChangeOptions): Promise<PushResult> {
  const profile = profiles[opts.profile];
  const secret = await buildTriggerSecret();
  const file = commitsFile(opts.dataDir);
  const previous = readCommits(file).at(-1)?.sha ?? createHash('sha1').update(`goldengoose ${goldengoose.productionTag}`).digest('hex');
  const sha = randomBytes(20).toString('hex');
  const at = new Date();
  recordCommit(file, { sha, profile: profile.name, message: profile.commitMessage, author: opts.pusher, at: at.toISOString() });

  const body = JSON.stringify(githubPushPayload({ sha, before: previous, message: profile.commitMessage, pusher: opts.pusher, at }));
  const deliveryId = randomUUID();
  const sign = (algorithm: 'sha256' | 'sha1') => `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
  const send = opts.send ?? ((url: string, init: RequestInit) => fetch(url, init));
  const response = await send(opts.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/foresail-demo',
      'x-github-event': 'push',
      'x-github-delivery': deliveryId,
      'x-github-hook-id': String(HOOK_ID),
      'x-github-hook-installation-target-type': 'repository',
      'x-hub-signature': sign('sha1'),
      'x-hub-signature-256': sign('sha256'),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // GitHub logs whatever the receiver answered; so does the demo.
  }
  return { sha, image: imageForCommit(sha), deliveryId, status: response.status, response: parsed };
}
