import type { TrafficWeight } from '@/lib/pipeline/stage-resources';

/** Route weights before and after a trafficSplit stage, one row per destination. */
export function TrafficWeights({ before, after }: { before: TrafficWeight[] | undefined; after: TrafficWeight[] | undefined }) {
  const destinations = [...new Set([...(before ?? []), ...(after ?? [])].map((w) => w.destination))];
  const weight = (list: TrafficWeight[] | undefined, d: string) => {
    if (!list) return '—';
    const found = list.find((w) => w.destination === d);
    return found ? `${found.weight}%` : '0%';
  };
  if (destinations.length === 0) return <p className="text-sm text-muted">No weights recorded yet.</p>;
  return (
    <table className="w-full max-w-md text-left text-sm">
      <caption className="sr-only">Traffic weights</caption>
      <thead className="text-xs text-muted">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Destination</th>
          <th scope="col" className="py-1 pr-3 font-medium">Before</th>
          <th scope="col" className="py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {destinations.map((d) => (
          <tr key={d} className="border-t border-line">
            <td className="py-1 pr-3 font-mono text-xs">{d}</td>
            <td className="py-1 pr-3">{weight(before, d)}</td>
            <td className="py-1">{weight(after, d)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
