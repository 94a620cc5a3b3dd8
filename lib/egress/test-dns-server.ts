import 'server-only';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import { parseIp } from './ip';

export type DnsRecordType = 'A' | 'AAAA';

/**
 * The addresses to answer for a name and record type; `asked` counts earlier questions for the same
 * name and type (0 the first time), so an answer can change between questions (DNS rebinding).
 * undefined answers "no such name" (NXDOMAIN); [] answers "no records of this type" (NODATA).
 */
export type DnsAnswer = (name: string, type: DnsRecordType, asked: number) => readonly string[] | undefined;

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, as egress.dnsServers takes it. */
  address: string;
  port: number;
  /** Every question received, in order (lower-case names). */
  queries: { name: string; type: DnsRecordType }[];
  close(): Promise<void>;
}

const TYPES: Record<number, DnsRecordType> = { 1: 'A', 28: 'AAAA' };
const TYPE_CODES: Record<DnsRecordType, number> = { A: 1, AAAA: 28 };

/**
 * A tiny authoritative DNS server over UDP on 127.0.0.1 for tests (RFC 1035 message format): it
 * answers A and AAAA questions from `answer`, with TTL 0 so nothing is cached between questions.
 * Other question types get an empty answer; malformed packets are ignored.
 */
export async function startTestDnsServer(answer: DnsAnswer): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  const queries: TestDnsServer['queries'] = [];
  const counts = new Map<string, number>();
  socket.on('message', (packet: Buffer, from: RemoteInfo) => {
    const question = readQuestion(packet);
    if (!question) return;
    const type = TYPES[question.qtype];
    let records: readonly string[] | undefined = [];
    if (type) {
      queries.push({ name: question.name, type });
      const key = `${type} ${question.name}`;
      const asked = counts.get(key) ?? 0;
      counts.set(key, asked + 1);
      records = answer(question.name, type, asked);
    }
    socket.send(writeResponse(packet, question, type, records), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

interface Question {
  name: string;
  qtype: number;
  /** Where the question section ends (it is echoed as received). */
  end: number;
}

function readQuestion(packet: Buffer): Question | undefined {
  if (packet.length < 12 || packet.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    const length = packet[at];
    if (length === undefined || length > 63) return undefined;
    at += 1;
    if (length === 0) break;
    if (at + length > packet.length) return undefined;
    labels.push(packet.toString('latin1', at, at + length).toLowerCase());
    at += length;
  }
  if (at + 4 > packet.length) return undefined;
  return { name: labels.join('.'), qtype: packet.readUInt16BE(at), end: at + 4 };
}

function writeResponse(query: Buffer, question: Question, type: DnsRecordType | undefined, records: readonly string[] | undefined): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR=1, the query's opcode and RD, AA=1, RA=1; RCODE 3 (NXDOMAIN) for an unknown name.
  header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x7900) | 0x0400 | 0x0080 | (records === undefined ? 3 : 0), 2);
  header.writeUInt16BE(1, 4);
  const answers = type ? (records ?? []).map((address) => resourceRecord(type, address)) : [];
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, question.end), ...answers]);
}

function resourceRecord(type: DnsRecordType, address: string): Buffer {
  const ip = parseIp(address);
  const valid = type === 'A' ? isIPv4(address) : isIPv6(address);
  if (!ip || !valid) throw new Error(`test DNS: ${address} is not an ${type} address`);
  const data = Buffer.alloc(type === 'A' ? 4 : 16);
  let value = ip.value;
  for (let i = data.length - 1; i >= 0; i--) {
    data[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  const record = Buffer.alloc(12);
  record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's name
  record.writeUInt16BE(TYPE_CODES[type], 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(0, 6); // TTL 0: never cached
  record.writeUInt16BE(data.length, 10);
  return Buffer.concat([record, data]);
}

