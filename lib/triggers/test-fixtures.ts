/** Webhook bodies for tests of lib/triggers and the webhook routes (not used by the product). */

/** Docker Hub's documented example delivery, with our repository and tag. */
export function dockerHubPayload(repoName: string, tag: string, pushedAt = 1_717_000_000) {
  const [namespace = '', name = ''] = repoName.split('/');
  return {
    callback_url: `https://registry.hub.docker.com/u/${repoName}/hook/2141b5bi5i5b02bec211i4eeih0242eg11000a/`,
    push_data: { pushed_at: pushedAt, pusher: 'trustedbuilder', tag },
    repository: {
      comment_count: 0,
      date_created: 1_417_494_799,
      description: '',
      is_official: false,
      is_private: true,
      is_trusted: true,
      name,
      namespace,
      owner: namespace,
      repo_name: repoName,
      repo_url: `https://registry.hub.docker.com/u/${repoName}/`,
      star_count: 0,
      status: 'Active',
    },
  };
}
