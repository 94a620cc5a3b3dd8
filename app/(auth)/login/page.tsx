import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PersonaPicker, type PersonaChoice } from '@/components/auth/persona-picker';
import { GitHubSignInButton } from '@/components/auth/sign-in-buttons';
import { Alert } from '@/components/ui/alert';
import { describeDirectory, lookupPerson } from '@/lib/auth/directory';
import { getPageUser } from '@/lib/auth/page-session';
import { canonicalLoopbackRedirect, publicBaseUrl } from '@/lib/config/base-url';
import { demoPersonas } from '@/lib/demo/personas';
import { getConfig } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const refusals: Record<string, string> = {
  ldap_unavailable: 'Sign-in refused: the LDAP directory that decides your permissions cannot be reached right now. Nothing is wrong with your GitHub account; try again in a few minutes or tell your Foresail administrator.',
  not_in_directory: 'Sign-in refused: your GitHub account is not in the company directory (LDAP), so Foresail cannot tell what you may do. Ask your administrator to add your GitHub account to your directory entry.',
  demo_not_in_directory: 'Sign-in refused: that demo person is not in the directory Foresail is configured with, so Foresail cannot tell what they may do. Choose another person, or add them to the directory.',
  not_in_organization: 'Sign-in refused: your GitHub account is not a member of the GitHub organization or team this Foresail requires. Ask your administrator to add you, or sign in with your work GitHub account.',
  github_unavailable: 'Sign-in refused: GitHub could not confirm your organization membership right now. Try again in a few minutes.',
  not_configured: 'Sign-in refused: that sign-in method is not enabled on this Foresail.',
  no_login: 'Sign-in refused: GitHub did not tell us your login.',
  CredentialsSignin: 'Sign-in refused: there is no such demo person. Choose one of the people below.',
  AccessDenied: 'Sign-in was cancelled or refused.',
  OAuthCallback: 'GitHub did not complete the sign-in (the code was refused or expired, or GitHub could not be reached). Try again.',
  OAuthSignin: 'Could not start the GitHub sign-in. Check that GitHub is reachable from Foresail.',
  Callback: 'The sign-in could not be completed. Try again.',
  SessionRequired: 'Please sign in to continue.',
};

/** The demo people with their groups as the directory says now (a minute's cache), so the page shows what sign-in will grant. */
async function personaChoices(): Promise<PersonaChoice[]> {
  return Promise.all(
    demoPersonas.map(async ({ login, name, title, summary }) => {
      const found = await lookupPerson({ username: login }, 60_000).catch(() => undefined);
      const entry: PersonaChoice['entry'] = !found ? { kind: 'unavailable' } : found.kind === 'found' ? { kind: 'found', groups: found.groups } : { kind: 'missing' };
      return { login, name, title, summary, entry };
    }),
  );
}

/** Only same-site paths are followed after sign-in (no open redirects). */
function safeCallback(value: string | string[] | undefined): string {
  const path = typeof value === 'string' ? value : '';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/login') ? path : '/applications';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string | string[]; callbackUrl?: string | string[] }> }) {
  const query = await searchParams;
  const { error, callbackUrl } = query;
  // Cookies are per host name: sign in on the public loopback name, or the session lands on the other.
  const here = new URL('http://foresail.invalid/login');
  for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) if (v !== undefined) here.searchParams.append(key, v);
  const canonical = canonicalLoopbackRedirect(publicBaseUrl(getConfig().server), here, (await headers()).get('host'));
  if (canonical) redirect(canonical.toString());
  const next = safeCallback(callbackUrl);
  if (await getPageUser()) redirect(next);
  const { auth } = getConfig();
  const message = typeof error === 'string' ? (refusals[error] ?? `Sign-in failed (${error.slice(0, 40)}). Try again.`) : undefined;
  const personas = auth.demo ? await personaChoices() : [];

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className={`w-full ${auth.demo ? 'max-w-md' : 'max-w-sm'} rounded-lg border border-line bg-surface p-8 shadow-sm`}>
        <div className="mb-6 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- tiny static SVG logo */}
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <h1 className="text-xl font-semibold">Sign in to Foresail</h1>
        </div>
        {message && (
          <div className="mb-4">
            <Alert tone="danger">{message}</Alert>
          </div>
        )}
        {auth.github || auth.demo ? (
          <div className="flex flex-col gap-4">
            {auth.github && <GitHubSignInButton callbackUrl={next} />}
            {auth.demo && <PersonaPicker personas={personas} directory={describeDirectory(auth)} callbackUrl={next} />}
          </div>
        ) : (
          <Alert tone="warning">
            Sign-in is not configured. Set <code>auth.github</code>, <code>auth.ldap</code> (or <code>auth.staticDirectory</code>) and <code>auth.sessionSecret</code> in foresail.yaml (see the README), or run
            <code> npm run demo</code> to try Foresail locally.
          </Alert>
        )}
        {auth.demo && <p className="mt-4 text-xs text-muted">Demo mode: anyone who can reach this address can sign in as any of these people without a password. Foresail only allows it on a loopback address.</p>}
      </div>
    </main>
  );
}
