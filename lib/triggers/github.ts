import { z } from 'zod';
import type { FieldIssue } from '../errors';
import { issuesInWords, sentenceOf } from '../errors-in-words';
import { triggerSchemas, type Artifact } from '../pipeline';
import { executionTrigger, isEnabled, type TriggerVerdict } from './evaluate';
import { fullMatch } from './regex';
import type { SignatureCheck } from './secrets';

/** GitHub `push` event fields Foresail reads (https://docs.github.com/webhooks/webhook-events-and-payloads#push). */
const pushSchema = z.object({
  ref: z.string().min(1),
  after: z.string(),
  deleted: z.boolean().nullish(),
  repository: z.object({
    name: z.string().min(1),
    full_name: z.string().nullish(),
    contents_url: z.string().nullish(),
    owner: z.object({ login: z.string().nullish(), name: z.string().nullish() }),
  }),
  commits: z.array(z.object({ added: z.array(z.string()).nullish(), modified: z.array(z.string()).nullish() })).nullish(),
});

export interface GitHubPush {
  /** repository.owner.name, else .login (Echo's repoProject). */
  owner: string;
  /** Both spellings GitHub sends for the owner; a trigger's project may name either. */
  ownerNames: string[];
  repo: string;
  ref: string;
  /** `ref` without `refs/heads/` (tags keep `refs/tags/…`, as in Echo). */
  branch: string;
  hash: string;
  deleted: boolean;
  /** github/file artifacts for the files the pushed commits add or modify (Echo's GitHubArtifactExtractor). */
  artifacts: Artifact[];
}

export const gitTriggerSchema = triggerSchemas.git;
export type GitTrigger = z.output<typeof gitTriggerSchema>;

function fileArtifacts(payload: z.output<typeof pushSchema>, fullName: string): Artifact[] {
  const files = new Set<string>();
  for (const commit of payload.commits ?? []) for (const file of [...(commit.added ?? []), ...(commit.modified ?? [])]) files.add(file);
  const contents = payload.repository.contents_url ?? `https://api.github.com/repos/${fullName}/contents/{+path}`;
  return [...files].sort().map((file) => ({ type: 'github/file', name: file, version: payload.after, reference: contents.replace('{+path}', file) }));
}

export function parseGitHubPush(value: unknown): { push: GitHubPush } | { error: string; issues: FieldIssue[] } {
  const parsed = pushSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const issues = issuesInWords(parsed.error, pushSchema);
    return { error: `not a GitHub push payload: ${sentenceOf(issues)}`, issues };
  }
  const payload = parsed.data;
  const { login, name } = payload.repository.owner;
  const owner = name || login;
  if (!owner) return { error: 'not a GitHub push payload: repository.owner has neither name nor login', issues: [{ path: 'repository.owner', message: 'has neither name nor login' }] };
  const ownerNames = [...new Set([login, name].filter((n): n is string => typeof n === 'string' && n !== ''))];
  const fullName = payload.repository.full_name ?? `${owner}/${payload.repository.name}`;
  return {
    push: {
      owner,
      ownerNames,
      repo: payload.repository.name,
      ref: payload.ref,
      branch: payload.ref.replace(/^refs\/heads\//, ''),
      hash: payload.after,
      deleted: payload.deleted === true,
      artifacts: fileArtifacts(payload, fullName),
    },
  };
}

export interface GitPushContext {
  push: GitHubPush;
  deliveryId: string;
  /** Checks the delivery's signature against one trigger's secret (unsigned passes only with allowUnsigned). */
  checkSignature: (secret: string | undefined, allowUnsigned: boolean) => SignatureCheck;
}

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * One git trigger against a GitHub push (reference §2.4 git; Echo's GitEventHandler). The signature
 * is checked before the author's branch pattern ever sees the sender's text.
 */
export function judgeGitTrigger(trigger: GitTrigger, { push, deliveryId, checkSignature }: GitPushContext): TriggerVerdict {
  if (!sameName(trigger.source, 'github')) return { kind: 'unrelated' };
  if (!push.ownerNames.some((owner) => sameName(trigger.project, owner)) || !sameName(trigger.slug, push.repo)) return { kind: 'unrelated' };
  if (!isEnabled(trigger)) return { kind: 'ignored', reason: 'the trigger is not enabled' };
  const signature = checkSignature(trigger.secret || undefined, trigger.allowUnsigned === true);
  if (!signature.ok) return { kind: 'refused', reason: signature.reason };
  if (push.deleted) return { kind: 'ignored', reason: `the push deletes ${push.branch}` };
  if (trigger.branch) {
    const result = fullMatch(trigger.branch, push.branch);
    if ('error' in result) return { kind: 'ignored', reason: `branch pattern ${result.error}` };
    if (!result.matches) return { kind: 'ignored', reason: `branch ${push.branch} does not match ${trigger.branch}` };
  }
  if (trigger.events?.length && !trigger.events.some((event) => sameName(event, 'push'))) {
    return { kind: 'ignored', reason: `the trigger listens to ${trigger.events.join(', ')}, not push` };
  }
  return {
    kind: 'match',
    trigger: executionTrigger(trigger, { type: 'git', source: 'github', branch: push.branch, hash: push.hash, action: 'push', eventId: deliveryId, artifacts: push.artifacts }),
  };
}
