import { readFile } from 'node:fs/promises';
import { canaryPlanRequestSchema, planFromRequest } from '../canary/plan';
import { formatPath } from '../errors';

export const canaryPlanUsage = `Usage: npm run -s foresail -- canary-plan [--input FILE] [--start TIME]

Prints the intervals a kayentaCanary stage would run (waits, canary and baseline windows) as JSON.
Input (FILE, or stdin): the stage, { "type": "kayentaCanary", "analysisType": ..., "canaryConfig": { ... } },
or { "stage": <stage>, "startTime": "2026-01-31T12:00:00Z" }. --start sets the start time (default now).
Exit codes: 0 planned, 2 unreadable or invalid input (each bad field named).
`;

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(args: string[]): { file?: string; start?: string } | { error: string } | { help: true } {
  const out: { file?: string; start?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--input' && flag !== '--start') return { error: `Unknown argument: ${arg}` };
    const value = inline ?? args[++i];
    if (!value) return { error: `${flag} needs a value` };
    if (flag === '--input') out.file = value;
    else out.start = value;
  }
  return out;
}

/** `foresail canary-plan`: the same plan as POST /api/v1/canary/plan. */
export async function runCanaryPlan(args: string[], stdin: NodeJS.ReadableStream, out: NodeJS.WritableStream, err: NodeJS.WritableStream, nowMs = Date.now()): Promise<number> {
  const parsed = parseArgs(args);
  if ('help' in parsed) {
    out.write(canaryPlanUsage);
    return 0;
  }
  if ('error' in parsed) {
    err.write(`${parsed.error}\n\n${canaryPlanUsage}`);
    return 2;
  }
  const source = parsed.file ?? 'stdin';
  let raw: unknown;
  try {
    raw = JSON.parse(parsed.file === undefined ? await readStream(stdin) : await readFile(parsed.file, 'utf8'));
  } catch (e) {
    err.write(`Cannot read ${source} as JSON: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const wrapped = typeof raw === 'object' && raw !== null && 'stage' in raw ? raw : { stage: raw };
  const request = canaryPlanRequestSchema.safeParse({ ...wrapped, ...(parsed.start ? { startTime: parsed.start } : {}) });
  if (!request.success) {
    err.write(`Invalid input in ${source}:\n${request.error.issues.map((i) => `  ${formatPath(i.path) || '(input)'}: ${i.message}`).join('\n')}\n`);
    return 2;
  }
  const result = planFromRequest(request.data, nowMs);
  if (!result.ok) {
    err.write(`The stage cannot be planned:\n${result.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\n`);
    return 2;
  }
  const json = `${JSON.stringify(result.plan, null, 2)}\n`;
  await new Promise<void>((resolve, reject) => out.write(json, (e) => (e ? reject(e) : resolve())));
  return 0;
}
