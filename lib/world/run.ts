import { spawn } from 'node:child_process';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the child's stdin, then closed (e.g. debconf selections). */
  input?: string;
  /** Called for every complete output line (stdout and stderr), for progress printing. */
  onLine?: (line: string) => void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (argv array, never a shell string) to completion and collects its output. */
export function run(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      // No input: stdin is /dev/null, so a program reading it sees EOF and nothing is ever written to a pipe.
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stdinError: Error | undefined;
    const lineBuffers = { stdout: '', stderr: '' };
    const collect = (which: 'stdout' | 'stderr') => (text: string) => {
      if (which === 'stdout') stdout += text;
      else stderr += text;
      if (!opts.onLine) return;
      const lines = (lineBuffers[which] + text).split('\n');
      lineBuffers[which] = lines.pop() ?? '';
      for (const line of lines) opts.onLine(line);
    };
    // setEncoding decodes across chunk boundaries, so a multi-byte character is never split.
    child.stdout?.setEncoding('utf8').on('data', collect('stdout'));
    child.stderr?.setEncoding('utf8').on('data', collect('stderr'));
    child.once('error', (err) => reject(new Error(`Could not run ${command}: ${err.message}`)));
    child.once('close', (code, signal) => {
      for (const rest of [lineBuffers.stdout, lineBuffers.stderr]) if (rest && opts.onLine) opts.onLine(rest);
      if (stdinError) reject(new Error(`Could not write the input of ${command}: ${stdinError.message}`));
      else resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    if (child.stdin) {
      // A child may exit before reading its input (e.g. `dpkg-query` done in microseconds); the write then
      // fails with EPIPE, which must not become an unhandled 'error' event that kills this process.
      child.stdin.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') stdinError = err;
      });
      child.stdin.end(opts.input);
    }
  });
}

/** Like run(), but throws (with the command's output) unless it exits 0. */
export async function runChecked(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const result = await run(command, args, opts);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${output}`);
  }
  return result;
}
