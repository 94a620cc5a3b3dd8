import Link from 'next/link';
import type { ReactNode } from 'react';
import { ApplicationTabs } from '@/components/pipelines/application-tabs';
import { loadApplication } from './load';

export default async function ApplicationLayout({ children, params }: { children: ReactNode; params: Promise<{ name: string }> }) {
  const { name } = await params;
  const { application } = await loadApplication(name);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href="/applications" className="hover:text-fg hover:underline">
          Applications
        </Link>{' '}
        / <span className="text-fg">{application.name}</span>
      </nav>
      <ApplicationTabs name={application.name} />
      {children}
    </>
  );
}
