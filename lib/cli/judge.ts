import { readFile } from 'node:fs/promises';
import { parseJudgeInput } from '../canary/stats';
import { judgeByConfig } from '../canary/stats/judges';

export const judgeUsage = `Usage: npm run -s foresail -- judge [--input FILE]

Judges one canary run and prints the result as JSON. The config's judge.name picks the judge:
NetflixACAJudge-v1.0 (Kayenta's rules, the default) or foresail-v1 (sequential, anytime-valid).
Input (FILE, or stdin when --input is not given), in Kayenta's shapes:
  { "config": <canary config>, "metricSetPairs": [{ "name", "tags", "values": { "control": [...], "experiment": [...] } }],
    "thresholds": { "pass": 75, "marginal": 50 }, "judge": { "confidenceLevel": 0.98, "tolerance": 0.25 } }
foresail-v1 judges one interval per call: pass the previous answer's "sequential.state" as "state"
with only the new points; optional "canaryTrafficShare" (0–1) for count metrics without exposure.
Exit codes: 0 judged (whatever the verdict), 2 unreadable or invalid input.
`;

type Parsed = { file: string | undefined } | { error: string } | { help: true };

function parseArgs(args: string[]): Parsed {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--input' || arg === '-i') {
      const value = args[i + 1];
      if (value === undefined || value === '') return { error: `${arg} needs a file name` };
      file = value;
      i++;
    } else if (arg.startsWith('--input=')) {
      file = arg.slice('--input='.length);
      if (file === '') return { error: '--input needs a file name' };
    } else {
      return { error: `Unknown argument: ${arg}` };
    }
  }
  return { file };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `foresail judge [--input FILE]`: reads a judge request (file or stdin), prints the judge result.
 * Invalid input exits with 2 and names each bad field, e.g. `metricSetPairs[2].values.control[17]`.
 */
export async function runJudge(args: string[], stdin: NodeJS.ReadableStream, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const parsed = parseArgs(args);
  if ('help' in parsed) {
    out.write(judgeUsage);
    return 0;
  }
  if ('error' in parsed) {
    err.write(`${parsed.error}\n\n${judgeUsage}`);
    return 2;
  }
  if (parsed.file === undefined && (stdin as { isTTY?: boolean }).isTTY === true) {
    err.write(`No input: pass --input FILE or pipe the JSON request to stdin.\n\n${judgeUsage}`);
    return 2;
  }
  const source = parsed.file ?? 'stdin';
  let text: string;
  try {
    text = parsed.file === undefined ? await readStream(stdin) : await readFile(parsed.file, 'utf8');
  } catch (e) {
    err.write(`Cannot read ${source}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    err.write(`${source} is not valid JSON: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const checked = parseJudgeInput(raw);
  if ('issues' in checked) {
    const lines = checked.issues.map((issue) => `  ${issue.path || '(input)'}: ${issue.message}`);
    err.write(`Invalid judge input in ${source}:\n${lines.join('\n')}\n`);
    return 2;
  }
  const { state, canaryTrafficShare } = checked.input;
  const json = `${JSON.stringify(judgeByConfig(checked.input, { state, canaryTrafficShare }), null, 2)}\n`;
  // Wait for the write: the caller may exit the process right after, with a large result still buffered.
  await new Promise<void>((resolve, reject) => out.write(json, (e) => (e ? reject(e) : resolve())));
  return 0;
}
