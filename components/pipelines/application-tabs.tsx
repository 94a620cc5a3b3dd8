'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

/** Overview / Pipelines / Executions for one application (lives here because pipelines are what it switches to). */
export function ApplicationTabs({ name }: { name: string }) {
  const pathname = usePathname();
  const base = `/applications/${encodeURIComponent(name)}`;
  const tabs = [
    { href: base, label: 'Overview', active: pathname === base },
    { href: `${base}/pipelines`, label: 'Pipelines', active: pathname.startsWith(`${base}/pipelines`) },
    { href: `${base}/executions`, label: 'Executions', active: pathname.startsWith(`${base}/executions`) },
    { href: `${base}/canary-configs`, label: 'Canary configs', active: pathname.startsWith(`${base}/canary-configs`) },
    { href: `${base}/infrastructure`, label: 'Infrastructure', active: pathname.startsWith(`${base}/infrastructure`) },
  ];
  return (
    <nav aria-label={`Application ${name}`} className="mb-6 flex gap-1 border-b border-line">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? 'page' : undefined}
          className={cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', tab.active ? 'border-accent text-accent' : 'border-transparent text-muted hover:text-fg')}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
