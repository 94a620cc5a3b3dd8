'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

/** A demo person as the sign-in page offers them, with their entry as the directory answers now. */
export interface PersonaChoice {
  login: string;
  name: string;
  title: string;
  summary: string;
  entry: { kind: 'found'; groups: string[] } | { kind: 'missing' } | { kind: 'unavailable' };
}

function Groups({ entry }: { entry: PersonaChoice['entry'] }) {
  if (entry.kind === 'unavailable') return <span className="text-muted">groups unknown: the directory did not answer</span>;
  if (entry.kind === 'missing') return <span className="text-muted">not in the directory, so cannot sign in</span>;
  if (entry.groups.length === 0) return <span className="text-muted">no groups</span>;
  return entry.groups.map((group) => (
    <span key={group} className="rounded bg-surface-2 px-1.5 py-0.5 font-mono">
      {group}
    </span>
  ));
}

/** Demo mode's sign-in: choose a person; the demo provider signs you in as them, no password. */
export function PersonaPicker({ personas, directory, callbackUrl }: { personas: PersonaChoice[]; directory: string; callbackUrl: string }) {
  const [pending, setPending] = useState<string | undefined>(undefined);
  const choose = (login: string) => {
    setPending(login);
    void signIn('demo', { persona: login, callbackUrl });
  };
  return (
    <section aria-labelledby="persona-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="persona-heading" className="text-sm font-semibold">
          Choose who you are
        </h2>
        <p className="mt-1 text-xs text-muted">Each person may do what their groups in {directory} allow, nothing more.</p>
      </div>
      <ul className="flex flex-col gap-2">
        {personas.map((persona) => (
          <li key={persona.login}>
            <button
              type="button"
              aria-label={`Sign in as ${persona.login}`}
              aria-describedby={`persona-${persona.login} persona-${persona.login}-groups`}
              disabled={pending !== undefined}
              onClick={() => choose(persona.login)}
              className="w-full rounded-md border border-line bg-surface px-3 py-2 text-left transition-colors hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-60"
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="text-sm font-medium">{persona.name}</span>
                <span className="text-xs text-muted">{pending === persona.login ? 'Signing in…' : persona.title}</span>
              </span>
              <span id={`persona-${persona.login}`} className="mt-0.5 block text-xs text-muted">
                {persona.summary}
              </span>
              <span id={`persona-${persona.login}-groups`} className="mt-1.5 flex flex-wrap gap-1 text-xs">
                <Groups entry={persona.entry} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
