import { FlaskConical } from 'lucide-react';
import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Canary' };

export default function CanaryPage() {
  return (
    <>
      <PageHeader title="Canary" description="Canary configs and analysis reports." />
      <EmptyState icon={<FlaskConical size={32} />} title="No canary analyses yet">
        When a pipeline compares a canary with its baseline, every interval&apos;s score and the evidence behind it is reported here.
      </EmptyState>
    </>
  );
}
