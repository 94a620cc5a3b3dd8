import Link from 'next/link';
import type { ReactNode } from 'react';
import { DemoWorldBadge } from '@/components/demo/world-badge';
import type { WorldStatusDto } from '@/lib/world/status';
import { JudgmentBadge, JudgmentBadgeUpdater } from './judgment-badge';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';

/** The console frame: skip link, sidebar navigation, header (with the demo world's badge under `npm run demo`), main region. */
export function AppShell({ children, headerExtra, eventsSince, demoWorld }: { children: ReactNode; headerExtra?: ReactNode; eventsSince?: string; demoWorld?: WorldStatusDto }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <JudgmentBadgeUpdater since={eventsSince} />
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="border-b border-line bg-surface md:w-56 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4">
          <Link href="/applications" className="flex items-center gap-2 text-base font-semibold tracking-tight">
            {/* eslint-disable-next-line @next/next/no-img-element -- tiny static SVG logo */}
            <img src="/favicon.svg" alt="" width={22} height={22} />
            Foresail
          </Link>
          <div className="flex items-center gap-1 md:hidden">
            {demoWorld && <DemoWorldBadge initial={demoWorld} />}
            <JudgmentBadge />
            {headerExtra}
            <ThemeToggle />
          </div>
        </div>
        <nav aria-label="Main" className="overflow-x-auto px-2 pb-3">
          <NavLinks />
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="hidden h-14 items-center justify-end gap-2 border-b border-line bg-surface px-6 md:flex">
          {demoWorld && <DemoWorldBadge initial={demoWorld} />}
          <JudgmentBadge />
          {headerExtra}
          <ThemeToggle />
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
