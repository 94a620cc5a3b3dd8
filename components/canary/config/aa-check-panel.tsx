'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiFetch } from '@/components/api/client';
import { textInputClass } from '@/components/pipelines/control-styles';
import { Button } from '@/components/ui/button';
import { aaCheckResultSchema, type AaCheckResult } from '@/lib/canary/analysis/aa-check-api';
import type { ConfigDocument } from './config-edits';

const periods = [
  { hours: 6, label: 'last 6 hours' },
  { hours: 24, label: 'last day' },
  { hours: 72, label: 'last 3 days' },
];

/**
 * "Run an A/A check": the config (as edited, unsaved changes included) judged on the production
 * workload against itself an offset earlier, window after window over a past period. The share of
 * those analyses that fail is the false-alarm rate this config would have had on real data.
 */
export function AaCheckPanel({ application, doc }: { application: string; doc: ConfigDocument }) {
  const id = useId();
  const [scope, setScope] = useState('');
  const [location, setLocation] = useState('');
  const [hours, setHours] = useState(24);
  const [lifetime, setLifetime] = useState('60');
  const [interval, setInterval] = useState('10');
  const check = useMutation({
    mutationFn: (): Promise<AaCheckResult> => {
      const end = Date.now();
      return apiFetch('/api/v1/canary/aa-check', aaCheckResultSchema, {
        method: 'POST',
        body: JSON.stringify({
          application,
          canaryConfig: doc,
          scope: scope.trim(),
          ...(location.trim() ? { location: location.trim() } : {}),
          start: new Date(end - hours * 3_600_000).toISOString(),
          end: new Date(end).toISOString(),
          lifetimeMinutes: Number(lifetime),
          intervalMinutes: Number(interval),
        }),
      });
    },
  });
  const result = check.data;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        A/A check
      </h2>
      <p className="text-sm text-muted">How often would this config have failed a canary that changed nothing? It judges your production workload against itself (each window against the one before it) over a past period.</p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          check.mutate();
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          Production scope
          <input className={textInputClass} required value={scope} placeholder="checkout" onChange={(e) => setScope(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Location
          <input className={textInputClass} value={location} placeholder="namespace" onChange={(e) => setLocation(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Period
          <select className={textInputClass} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {periods.map((p) => (
              <option key={p.hours} value={p.hours}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Lifetime (minutes)
          <input className={`${textInputClass} w-24`} inputMode="numeric" value={lifetime} onChange={(e) => setLifetime(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Interval (minutes)
          <input className={`${textInputClass} w-24`} inputMode="numeric" value={interval} onChange={(e) => setInterval(e.target.value)} />
        </label>
        <Button type="submit" disabled={check.isPending || !scope.trim()}>
          {check.isPending ? 'Checking…' : 'Run an A/A check'}
        </Button>
      </form>
      {check.error ? (
        <p role="alert" className="text-sm text-danger">
          {check.error.message}
        </p>
      ) : null}
      {result ? (
        <div data-testid="aa-check-result" className="flex flex-col gap-2 text-sm">
          <p className="font-medium">
            Would have failed {result.failed} of {result.total} analyses ({(result.rate * 100).toFixed(1)} %) with {result.judgeName}, {result.intervalsPerRun} intervals each.
          </p>
          {Object.entries(result.perMetric).length > 0 ? (
            <ul className="list-disc pl-5">
              {Object.entries(result.perMetric).map(([name, count]) => (
                <li key={name}>
                  {name}: failed {count} time{count === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">No metric failed.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
