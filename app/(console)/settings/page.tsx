import type { Metadata } from 'next';
import { stringify } from 'yaml';
import { Card } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth/page-session';
import { redactConfig } from '@/lib/config';
import { checkReadiness } from '@/lib/db/health';
import { getConfig } from '@/lib/env';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

function Check({ ok, label, detail }: { ok: boolean; label: string; detail: string }) {
  return (
    <li className="flex items-center justify-between gap-4 px-4 py-3 text-sm">
      <span className="font-medium">{label}</span>
      <span className={ok ? 'text-success' : 'text-danger'}>
        <span aria-hidden="true">{ok ? '● ' : '▲ '}</span>
        {detail}
      </span>
    </li>
  );
}

export default async function SettingsPage() {
  const user = await requirePageUser();
  const config = getConfig();
  const checks = await checkReadiness(config.worker.heartbeatSeconds * 3);
  return (
    <>
      <section aria-labelledby="status-heading" className="mb-8">
        <h2 id="status-heading" className="mb-3 text-sm font-semibold">Status</h2>
        <Card>
          <ul className="divide-y divide-line">
            <Check ok={checks.database.ok} label="Database" detail={checks.database.ok ? 'reachable' : 'unreachable'} />
            <Check ok={checks.migrations.ok} label="Migrations" detail={checks.migrations.ok ? 'up to date' : `${checks.migrations.pending.length} pending`} />
            <Check ok={checks.worker.ok} label="Workers" detail={checks.worker.ok ? `${checks.worker.workers} alive` : 'none heard from recently'} />
          </ul>
        </Card>
      </section>
      {user.isAdmin && (
      <section aria-labelledby="config-heading">
        <h2 id="config-heading" className="mb-3 text-sm font-semibold">Effective configuration</h2>
        <p className="mb-3 text-sm text-muted">From FORESAIL_CONFIG and the environment; secrets are masked. Check a file without starting: <code>npm run foresail -- config check FILE</code>.</p>
        <Card className="overflow-x-auto">
          <pre className="p-4 font-mono text-xs leading-relaxed">{stringify(redactConfig(config))}</pre>
        </Card>
      </section>
      )}
    </>
  );
}
