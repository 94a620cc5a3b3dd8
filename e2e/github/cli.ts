// Runs the GitHub stand-in by hand, so a developer can sign in to a local Foresail without GitHub:
//   npx tsx e2e/github/cli.ts [--port 3999] [--host 127.0.0.1] [--client-id ID] [--client-secret S]
//                             [--callback-url http://localhost:3000/api/auth/callback/github]
// Stops on Ctrl-C. Test tooling only: never point a real deployment at it.
import { parseArgs } from 'node:util';
import { startGitHubStandIn } from './server.ts';

const DEFAULT_PORT = 3999;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'callback-url': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, not ${values.port}`);

  const standIn = await startGitHubStandIn({
    port,
    host: values.host,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    callbackUrl: values['callback-url'],
  });
  console.log(`GitHub stand-in listening on ${standIn.url} (test tooling; not GitHub)

  client id      ${standIn.clientId}
  client secret  ${standIn.clientSecret}
  callback URL   ${standIn.callbackUrl ?? '(none registered: any redirect_uri is accepted)'}

  authorize      ${standIn.url}/login/oauth/authorize
  access token   ${standIn.url}/login/oauth/access_token
  API            ${standIn.url}  (also ${standIn.url}/api/v3, as on GitHub Enterprise)
  users          ${standIn.users.map((u) => u.login).join(', ')}

In foresail.yaml (a non-github.com baseUrl puts the API at <baseUrl>/api/v3, which the stand-in serves):

  auth:
    github:
      clientId: ${standIn.clientId}
      clientSecret: ${standIn.clientSecret}
      baseUrl: ${standIn.url}

Ctrl-C stops it.`);

  const stop = () => {
    standIn.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
