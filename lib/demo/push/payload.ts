import { goldengoose } from '../goldengoose';

/**
 * The body GitHub sends for a push of one commit to goldengoose's main branch
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#push): the fields a receiver reads,
 * spelled as GitHub spells them, so Foresail handles the demo's push exactly as a real one.
 */
export interface PushInput {
  sha: string;
  /** The branch head before the push (GitHub sends 40 zeros for a new branch). */
  before: string;
  message: string;
  /** The GitHub login of the person pushing (the demo's persona). */
  pusher: string;
  at: Date;
}

export function githubPushPayload(input: PushInput): Record<string, unknown> {
  const { owner, name, branch } = goldengoose.repository;
  const fullName = `${owner}/${name}`;
  const html = `https://github.com/${fullName}`;
  const api = `https://api.github.com/repos/${fullName}`;
  const timestamp = input.at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const author = { name: input.pusher, email: `${input.pusher}@users.noreply.github.com`, username: input.pusher };
  const commit = {
    id: input.sha,
    tree_id: input.sha.split('').reverse().join(''),
    distinct: true,
    message: input.message,
    timestamp,
    url: `${html}/commit/${input.sha}`,
    author,
    committer: author,
    added: [],
    removed: [],
    modified: ['src/server.ts'],
  };
  return {
    ref: `refs/heads/${branch}`,
    before: input.before,
    after: input.sha,
    repository: {
      name,
      full_name: fullName,
      private: false,
      owner: { name: owner, login: owner, type: 'Organization' },
      html_url: html,
      url: html,
      contents_url: `${api}/contents/{+path}`,
      default_branch: branch,
      master_branch: branch,
      pushed_at: Math.floor(input.at.getTime() / 1000),
    },
    pusher: { name: input.pusher, email: author.email },
    sender: { login: input.pusher, type: 'User' },
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${html}/compare/${input.before.slice(0, 12)}...${input.sha.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
  };
}
