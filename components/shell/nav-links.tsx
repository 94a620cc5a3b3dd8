'use client';

import { Activity, Boxes, FlaskConical, Settings, Workflow } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

const items = [
  { href: '/applications', label: 'Applications', icon: Boxes },
  { href: '/pipelines', label: 'Pipelines', icon: Workflow },
  { href: '/executions', label: 'Executions', icon: Activity },
  { href: '/canary', label: 'Canary', icon: FlaskConical },
  { href: '/settings', label: 'Settings', icon: Settings },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-row gap-1 md:flex-col">
      {items.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors',
                active ? 'bg-accent/10 text-accent' : 'text-muted hover:bg-surface-2 hover:text-fg',
              )}
            >
              <Icon size={16} aria-hidden="true" />
              <span>{label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
