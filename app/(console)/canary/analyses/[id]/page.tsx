import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CanaryReport } from '@/components/canary/report/canary-report';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/page-session';
import { isDomainError } from '@/lib/errors';
import { visibleCanaryAnalysis } from '@/lib/services/canary-analyses';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  const user = await requirePageUser();
  return visibleCanaryAnalysis(user, id).catch((err: unknown) => {
    if (isDomainError(err) && err.status === 404) notFound();
    throw err;
  });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const analysis = await load(id);
  return { title: `Canary analysis · ${analysis.configName} · ${analysis.application}` };
}

/** The report of one retrospective analysis (the permalink spin's run and the reports list point to). */
export default async function CanaryAnalysisPage({ params }: Props) {
  const { id } = await params;
  const analysis = await load(id);
  const request = analysis.request;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const thresholds = analysis.record?.result.thresholds ?? { pass: 95, marginal: 75 };
  return (
    <>
      <Link href="/canary" className="mb-3 inline-flex items-center gap-1 text-sm text-muted hover:text-fg hover:underline">
        <ArrowLeft size={14} aria-hidden="true" /> All canary reports
      </Link>
      <PageHeader
        title={`Canary analysis: ${analysis.configName}`}
        description={`Retrospective analysis in ${analysis.application} by ${analysis.createdBy}, ${text(request.start) ?? '?'} to ${text(request.end) ?? '?'} (metrics account ${text(request.metricsAccountName) ?? '?'}).`}
      />
      {analysis.record ? (
        <CanaryReport intervals={[analysis.record]} thresholds={thresholds} meta={{ controlScope: text(request.controlScope), experimentScope: text(request.experimentScope), configName: analysis.configName }} />
      ) : (
        <p className="text-sm text-danger">The analysis failed: {analysis.error ?? 'no result was stored'}</p>
      )}
    </>
  );
}
