'use client';

import { signOut } from 'next-auth/react';
import { Alert } from '@/components/ui/alert';

/** Shown on every page in demo mode: who you are, and why this Foresail must stay on your machine. */
export function DemoBanner({ login, roles }: { login: string; roles: string[] }) {
  return (
    <Alert tone="warning">
      <span className="flex flex-wrap items-center justify-between gap-2">
        <span>
          Demo mode: you are signed in as <strong>{login}</strong> ({roles.length > 0 ? `roles ${roles.join(', ')}` : 'no roles'}) without a password. Anyone who can reach
          this address can sign in as anyone: keep this Foresail on your machine.
        </span>
        <button type="button" className="shrink-0 font-medium underline underline-offset-2" onClick={() => void signOut({ callbackUrl: '/login' })}>
          Switch person
        </button>
      </span>
    </Alert>
  );
}
