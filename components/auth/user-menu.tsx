'use client';

import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { DropdownMenu } from 'radix-ui';
import { ChevronDown, LogOut, ShieldOff } from 'lucide-react';
import { apiRequest } from '@/components/api/client';

export interface UserSummary {
  login: string;
  /** Shown only; the person is bound to their GitHub account id. */
  githubLogin: string | null;
  name: string | null;
  groups: string[];
  roles: string[];
  isAdmin: boolean;
}

const item = 'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-surface-2';

export function UserMenu({ user }: { user: UserSummary }) {
  const everywhere = useMutation({
    mutationFn: () => apiRequest('/api/v1/me/sessions', { method: 'DELETE' }),
    onSettled: () => void signOut({ callbackUrl: '/login' }),
  });
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="inline-flex h-8 items-center gap-2 rounded-md px-2 text-sm hover:bg-surface-2" aria-label={`Account: ${user.login}`}>
        <span className="font-medium">{user.login}</span>
        <ChevronDown size={14} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-72 rounded-md border border-line bg-surface p-2 shadow-lg">
          <div className="px-2 py-1.5">
            <p className="text-sm font-semibold">{user.name ?? user.login}</p>
            <p className="text-xs text-muted">
              {user.login}
              {user.githubLogin ? ` · GitHub @${user.githubLogin}` : ''}
              {user.isAdmin ? ' · administrator' : ''}
            </p>
          </div>
          <div className="px-2 py-1.5 text-xs">
            <p className="text-muted">Roles (from your directory groups)</p>
            <p className="mt-1 flex flex-wrap gap-1" aria-label="Your roles">
              {user.roles.length === 0 ? <span className="text-muted">none</span> : user.roles.map((role) => <span key={role} className="rounded bg-surface-2 px-1.5 py-0.5 font-mono">{role}</span>)}
            </p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item asChild className={item}>
            <Link href="/settings/tokens">API tokens</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => void signOut({ callbackUrl: '/login' })}>
            <LogOut size={14} aria-hidden="true" /> Sign out
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => everywhere.mutate()}>
            <ShieldOff size={14} aria-hidden="true" /> Sign out everywhere
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
