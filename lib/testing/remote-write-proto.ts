/**
 * Hand-written protobuf encoder for Prometheus' remote-write `WriteRequest` (remote write 1.0):
 *
 *   WriteRequest { repeated TimeSeries timeseries = 1; }
 *   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 *   Label        { string name = 1; string value = 2; }
 *   Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in ms
 *
 * Four tiny messages do not justify protobufjs and generated code.
 */

export interface RemoteWriteSeries {
  /** Must include `__name__`. Sent sorted by name, as the protocol requires. */
  labels: Record<string, string>;
  /** [timestamp in ms since the epoch, value]. Sent in timestamp order. */
  samples: [timestampMs: number, value: number][];
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;

class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }

  /** Non-negative integers up to 2^53; plain arithmetic because bit operators truncate to 32 bits. */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Cannot encode ${value} as a varint`);
    this.reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.buf[this.len++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buf[this.len++] = rest;
  }

  tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, data: Uint8Array): void {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(data.length);
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  string(field: number, value: string): void {
    this.bytes(field, new TextEncoder().encode(value));
  }

  double(field: number, value: number): void {
    this.tag(field, WIRE_FIXED64);
    this.reserve(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 8).setFloat64(0, value, true);
    this.len += 8;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function encodeLabel(name: string, value: string): Uint8Array {
  const w = new ProtoWriter();
  w.string(1, name);
  w.string(2, value);
  return w.finish();
}

function encodeSample(timestampMs: number, value: number): Uint8Array {
  const w = new ProtoWriter();
  w.double(1, value);
  w.tag(2, WIRE_VARINT);
  w.varint(timestampMs);
  return w.finish();
}

function encodeTimeSeries(series: RemoteWriteSeries): Uint8Array {
  const w = new ProtoWriter();
  const labels = Object.entries(series.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of labels) w.bytes(1, encodeLabel(name, value));
  const samples = [...series.samples].sort(([a], [b]) => a - b);
  for (const [timestampMs, value] of samples) w.bytes(2, encodeSample(timestampMs, value));
  return w.finish();
}

/** The uncompressed protobuf body of a remote-write request. */
export function encodeWriteRequest(series: readonly RemoteWriteSeries[]): Uint8Array {
  const w = new ProtoWriter();
  for (const s of series) w.bytes(1, encodeTimeSeries(s));
  return w.finish();
}
