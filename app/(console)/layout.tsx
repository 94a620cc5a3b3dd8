import type { ReactNode } from 'react';
import { UserMenu } from '@/components/auth/user-menu';
import { AppShell } from '@/components/shell/app-shell';
import { Alert } from '@/components/ui/alert';
import { requirePageUser } from '@/lib/auth/page-session';
import { latestEventId } from '@/lib/db/events';
import { demoWorldStatus, hasDemoWorld } from '@/lib/world/demo-status';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  // Read at render time: the badge's stream replays every change after it, so a judgment that starts
  // between this render and the stream opening (seconds on a busy machine) is not missed.
  const eventsSince = String(await latestEventId());
  return (
    <AppShell eventsSince={eventsSince} demoWorld={hasDemoWorld() ? demoWorldStatus() : undefined} headerExtra={<UserMenu user={{ login: user.login, githubLogin: user.githubLogin ?? null, name: user.name, groups: user.groups, roles: [...user.roles], isAdmin: user.isAdmin }} />}>
      {user.demo && (
        <div className="mb-4">
          <Alert tone="warning">Demo mode: you are signed in as an administrator without GitHub or LDAP. Do not expose this Foresail beyond your machine.</Alert>
        </div>
      )}
      {user.groupsError && (
        <div className="mb-4">
          <Alert tone="danger">{user.groupsError}</Alert>
        </div>
      )}
      {children}
    </AppShell>
  );
}
