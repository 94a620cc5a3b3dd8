import snappy from 'snappyjs';
import { encodeWriteRequest, type RemoteWriteSeries } from './remote-write-proto.ts';

export type { RemoteWriteSeries } from './remote-write-proto.ts';

/**
 * Pushes series to a Prometheus started with `--web.enable-remote-write-receiver`, at the timestamps given,
 * so a test can create exactly the data it then asserts on. Throws with Prometheus' answer on any non-2xx.
 *
 * @param baseUrl e.g. `http://127.0.0.1:9391` (from readServices().prometheus.url)
 */
export async function pushSeries(baseUrl: string, series: readonly RemoteWriteSeries[]): Promise<void> {
  for (const s of series) {
    if (!s.labels.__name__) throw new Error(`Series ${JSON.stringify(s.labels)} has no __name__ label`);
  }
  const url = new URL('/api/v1/write', baseUrl);
  const res = await fetch(url, {
    method: 'POST',
    body: snappy.compress(encodeWriteRequest(series)),
    headers: {
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    },
  });
  const body = await res.text();
  if (!res.ok) {
    throw new Error(`Prometheus remote write to ${url.href} failed with ${res.status}: ${body.trim() || '(empty body)'}`);
  }
}
