import { FlaskConical } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ScorePill } from '@/components/canary/report/score-pill';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/page-session';
import { classifyScore } from '@/lib/canary/stats';
import { StatusBadge } from '@/components/executions/status';
import { canaryReportHref } from '@/components/canary/report/stage-report';
import { listVisibleCanaryAnalyses, listVisibleCanaryStageRuns } from '@/lib/services/canary-analyses';

export const metadata: Metadata = { title: 'Canary' };
export const dynamic = 'force-dynamic';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const thresholdsOf = (request: Record<string, unknown>) => {
  const t = request.thresholds;
  return typeof t === 'object' && t !== null && 'pass' in t && 'marginal' in t ? { pass: Number(t.pass), marginal: Number(t.marginal) } : { pass: 95, marginal: 75 };
};

/** Canary reports the user may read, newest first: pipeline canary stages, then retrospective analyses. */
export default async function CanaryPage() {
  const user = await requirePageUser();
  const [runs, analyses] = await Promise.all([listVisibleCanaryStageRuns(user), listVisibleCanaryAnalyses(user)]);
  return (
    <>
      <PageHeader title="Canary" description="Reports of pipeline canary stages and of retrospective analyses (POST /api/v1/canary/analyses, spin canary canary-config retro)." />
      <h2 className="mb-2 text-lg font-semibold">Pipeline analyses</h2>
      {runs.length === 0 ? (
        <p className="mb-6 text-sm text-muted">No pipeline has run a canary analysis stage yet.</p>
      ) : (
        <table className="mb-8 w-full text-sm" data-testid="canary-stage-runs">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th className="py-1 font-medium">Interval scores</th>
              <th className="py-1 font-medium">Status</th>
              <th className="py-1 font-medium">Application</th>
              <th className="py-1 font-medium">Pipeline · stage</th>
              <th className="py-1 font-medium">Started</th>
              <th className="py-1 font-medium">Report</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.stageId} className="border-t border-line">
                <td className="flex flex-wrap gap-1 py-1.5">
                  {r.scores.length === 0 ? <span className="text-xs text-muted">none yet</span> : r.scores.map((score, i) => <ScorePill key={i} score={score} classification={classifyScore(score, r.thresholds ?? { pass: 95, marginal: 75 })} label={`#${i + 1}`} />)}
                </td>
                <td className="py-1.5">
                  <StatusBadge status={r.status} />
                </td>
                <td className="py-1.5">{r.application}</td>
                <td className="py-1.5">
                  {r.pipelineName} · {r.stageName}
                </td>
                <td className="py-1.5 text-xs text-muted">{r.startTime ?? ''}</td>
                <td className="py-1.5">
                  <Link href={canaryReportHref(r.application, r.executionId, r.stageId)} className="font-medium text-accent hover:underline">
                    Report
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="mb-2 text-lg font-semibold">Retrospective analyses</h2>
      {analyses.length === 0 ? (
        <EmptyState icon={<FlaskConical size={32} />} title="No canary analyses yet">
          Run a retrospective analysis over a past window with the API or spin; its report, with every metric&apos;s evidence, appears here.
        </EmptyState>
      ) : (
        <table className="w-full text-sm" data-testid="canary-analyses">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th className="py-1 font-medium">Summary</th>
              <th className="py-1 font-medium">Application</th>
              <th className="py-1 font-medium">Config</th>
              <th className="py-1 font-medium">Scopes (baseline → canary)</th>
              <th className="py-1 font-medium">Window</th>
              <th className="py-1 font-medium">Report</th>
            </tr>
          </thead>
          <tbody>
            {analyses.map((a) => (
              <tr key={a.id} className="border-t border-line">
                <td className="py-1.5">{a.score === null ? <span className="text-danger">failed</span> : <ScorePill score={a.score} classification={classifyScore(a.score, thresholdsOf(a.request))} />}</td>
                <td className="py-1.5">{a.application}</td>
                <td className="py-1.5">{a.configName}</td>
                <td className="py-1.5">
                  {text(a.request.controlScope)} → {text(a.request.experimentScope)}
                </td>
                <td className="py-1.5 text-xs text-muted">
                  {text(a.request.start)} – {text(a.request.end)}
                </td>
                <td className="py-1.5">
                  <Link href={`/canary/analyses/${encodeURIComponent(a.id)}`} className="font-medium text-accent hover:underline">
                    Report
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
