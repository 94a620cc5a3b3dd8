'use client';

import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { useSecondClock } from '@/components/ui/use-now';
import type { WorldPart, WorldStatusDto } from '@/lib/world/status';
import { describeState, isWorldSettled } from '@/lib/world/status-text';
import { useDemoWorld } from './use-demo-world';

const stateTone: Record<WorldPart['state'], string> = {
  pending: 'bg-muted',
  installing: 'bg-info',
  building: 'bg-info',
  starting: 'bg-info',
  ready: 'bg-success',
  failed: 'bg-danger',
  unavailable: 'bg-warning',
};

function summary(status: WorldStatusDto): string {
  if (status.runner === 'stopped') return 'The world runner stopped; Foresail starts it again in a moment.';
  if (status.runner === 'absent') return 'The demo world is starting.';
  if (status.ready) return 'The demo world is ready: push a change to goldengoose and watch it go from build to canary verdict.';
  if (status.parts.some((p) => p.required && (p.state === 'failed' || p.state === 'unavailable'))) {
    return 'Part of the demo world cannot run; what to do is below. Everything else in Foresail works meanwhile.';
  }
  return 'The demo world is starting. Foresail works meanwhile; the story buttons light up when it is ready.';
}

/**
 * The Demo world panel on the goldengoose page: each part of `npm run demo`'s world (the Kubernetes
 * cluster, Prometheus, OpenLDAP, the simulators) and what it is doing, live.
 */
export function DemoWorldPanel({ initial }: { initial: WorldStatusDto }) {
  const { data, dataUpdatedAt, error } = useDemoWorld(initial);
  const status = data ?? initial;
  const browserNow = useSecondClock(!isWorldSettled(status.parts));
  // The server's clock, advanced by the time since its answer: elapsed times ignore the browser's clock.
  const now = status.serverTime + (browserNow === undefined ? 0 : Math.max(0, browserNow - dataUpdatedAt));
  return (
    <Card className="p-4">
      <section aria-labelledby="demo-world-title">
        <h2 id="demo-world-title" className="text-base font-semibold">
          Demo world
        </h2>
        <p className="mt-1 text-sm text-muted">{summary(status)}</p>
        {error && (
          <p role="alert" className="mt-2 text-sm text-danger">
            {error.message}
          </p>
        )}
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">Parts of the demo world</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Part</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {status.parts.map((part) => (
              <tr key={part.id} className="border-t border-line align-top first:border-t-0">
                <th scope="row" className="whitespace-nowrap py-1.5 pr-3 text-left font-medium">
                  <span aria-hidden="true" className={cn('mr-2 inline-block size-2 rounded-full', stateTone[part.state])} />
                  {part.label}
                  {!part.required && <span className="ml-1 font-normal text-muted">(optional)</span>}
                </th>
                <td className="py-1.5">
                  <span data-state={part.state}>{describeState(part, now)}</span>
                  {part.state === 'unavailable' && (
                    <p className="mt-1 text-muted">
                      Fix: <code className="rounded bg-surface-2 px-1 py-0.5 text-fg">{part.fix}</code>, then restart <code>npm run demo</code>.
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}
