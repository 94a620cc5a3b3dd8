'use client';

import { Boxes } from 'lucide-react';
import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { WorldStatusDto } from '@/lib/world/status';
import { useDemoWorld } from './use-demo-world';

function badge(status: WorldStatusDto): { text: string; tone: string } {
  if (status.ready) return { text: 'World ready', tone: 'border-success/40 bg-success-bg text-success' };
  const stuck = status.parts.find((p) => p.required && (p.state === 'failed' || p.state === 'unavailable'));
  if (stuck || status.runner === 'stopped') return { text: 'World needs attention', tone: 'border-warning/40 bg-warning-bg text-warning' };
  const building = status.parts.find((p) => p.state === 'building');
  if (building?.state === 'building' && !building.waitingFor) return { text: `World: building ${building.step}/${building.total}`, tone: 'border-info/40 bg-info-bg text-info' };
  return { text: 'World starting', tone: 'border-info/40 bg-info-bg text-info' };
}

/** The demo world in the header, on every page of `npm run demo`; links to the Demo world panel. */
export function DemoWorldBadge({ initial }: { initial: WorldStatusDto }) {
  const { data } = useDemoWorld(initial);
  const { text, tone } = badge(data ?? initial);
  return (
    <Link
      href="/applications/goldengoose"
      title={`Demo world: ${text.replace(/^World:? /, '').toLowerCase()}`}
      className={cn('inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-sm font-medium hover:opacity-90', tone)}
    >
      <Boxes size={14} aria-hidden="true" />
      <span>{text}</span>
    </Link>
  );
}
