import { z } from 'zod';
import type { FieldIssue } from '../errors';
import { issuesInWords, sentenceOf } from '../errors-in-words';
import { triggerSchemas, type Artifact } from '../pipeline';
import { DOCKER_HUB_REGISTRY, dockerImageArtifact } from './artifacts';
import { executionTrigger, isEnabled, secretOf, type TriggerVerdict } from './evaluate';
import { fullMatch } from './regex';
import { checkSharedToken } from './secrets';

/** Docker Hub's push webhook (https://docs.docker.com/docker-hub/repos/manage/webhooks/). */
const dockerHubPushSchema = z.object({
  push_data: z.object({ tag: z.string().min(1), pushed_at: z.number().nullish() }),
  repository: z.object({ repo_name: z.string().nullish(), namespace: z.string().nullish(), name: z.string().nullish() }),
});

export interface DockerPush {
  /** `namespace/name`, e.g. `acme/web`. */
  repository: string;
  tag: string;
  /** Unix seconds; with repository and tag it identifies a push across Docker Hub's retries. */
  pushedAt?: number;
  artifact: Artifact;
}

export const dockerTriggerSchema = triggerSchemas.docker;
export type DockerTrigger = z.output<typeof dockerTriggerSchema>;

const HUB_HOSTS = new Set([DOCKER_HUB_REGISTRY, 'docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

export function parseDockerHubPush(value: unknown): { push: DockerPush } | { error: string; issues: FieldIssue[] } {
  const parsed = dockerHubPushSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const issues = issuesInWords(parsed.error, dockerHubPushSchema);
    return { error: `not a Docker Hub push payload: ${sentenceOf(issues)}`, issues };
  }
  const { repository: repo, push_data: data } = parsed.data;
  const repository = repo.repo_name || (repo.namespace && repo.name ? `${repo.namespace}/${repo.name}` : undefined);
  if (!repository) return { error: 'not a Docker Hub push payload: repository.repo_name is missing', issues: [{ path: 'repository.repo_name', message: 'is required' }] };
  return {
    push: { repository, tag: data.tag, ...(typeof data.pushed_at === 'number' ? { pushedAt: data.pushed_at } : {}), artifact: dockerImageArtifact(DOCKER_HUB_REGISTRY, repository, data.tag) },
  };
}

const hostOf = (registry: string) => registry.replace(/^https?:\/\//, '').replace(/\/+$/, '').toLowerCase();

/** `index.docker.io/library/nginx`, `library/nginx` and `nginx` are one Docker Hub repository. */
function hubRepository(repository: string): string {
  const [first, ...rest] = repository.split('/');
  const withoutHost = first && HUB_HOSTS.has(first.toLowerCase()) && rest.length ? rest.join('/') : repository;
  return withoutHost.replace(/^library\//, '');
}

/** The repository a trigger watches: Deck writes `organization/image` into `repository`; older configs split it. */
function watchedRepository(trigger: DockerTrigger): string | undefined {
  if (!trigger.repository) return undefined;
  if (trigger.repository.includes('/') || !trigger.organization) return trigger.repository;
  return `${trigger.organization}/${trigger.repository}`;
}

export interface DockerPushContext {
  push: DockerPush;
  /** ?token= or X-Foresail-Token, compared with each trigger's secret. */
  token: string | null;
}

/** One docker trigger against a Docker Hub push (reference §2.4 docker; Echo's DockerEventHandler). */
export function judgeDockerTrigger(trigger: DockerTrigger, { push, token }: DockerPushContext): TriggerVerdict {
  const watched = watchedRepository(trigger);
  if (!watched || hubRepository(watched) !== hubRepository(push.repository)) return { kind: 'unrelated' };
  if (trigger.registry && !HUB_HOSTS.has(hostOf(trigger.registry))) {
    return { kind: 'ignored', reason: `the trigger watches ${watched} on ${trigger.registry}; this push came from Docker Hub` };
  }
  if (!isEnabled(trigger)) return { kind: 'ignored', reason: 'the trigger is not enabled' };
  // The token first: the author's tag pattern never runs on an unauthenticated push.
  const auth = checkSharedToken(token, secretOf(trigger));
  if (!auth.ok) return { kind: 'refused', reason: auth.reason };
  const pattern = trigger.tag?.trim();
  if (pattern) {
    const result = fullMatch(pattern, push.tag);
    if ('error' in result) return { kind: 'ignored', reason: `tag pattern ${result.error}` };
    if (!result.matches) return { kind: 'ignored', reason: `tag ${push.tag} does not match ${pattern}` };
  } else if (push.tag === 'latest') {
    return { kind: 'ignored', reason: 'tag latest does not fire a trigger without a tag pattern (set one that matches it)' };
  }
  return {
    kind: 'match',
    trigger: executionTrigger(trigger, { type: 'docker', registry: trigger.registry || DOCKER_HUB_REGISTRY, repository: push.repository, tag: push.tag, artifacts: [push.artifact] }),
  };
}
