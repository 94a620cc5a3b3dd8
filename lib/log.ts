import pino, { type DestinationStream, type Logger } from 'pino';
import { formatPretty } from './log-pretty';

export type { Logger };

const globalForLog = globalThis as unknown as { foresailLogger?: Logger };

export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT=json|pretty chooses; otherwise people at a terminal get readable lines and pipes and
 * files get JSON. The supervisor resolves this once and passes it to its children, whose stdout is
 * the same terminal or pipe.
 */
export function resolveLogFormat(env: Record<string, string | undefined> = process.env, isTerminal = process.stdout.isTTY === true): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return isTerminal ? 'pretty' : 'json';
}

function prettyStdout(): DestinationStream {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  return { write: (line: string) => void process.stdout.write(formatPretty(line, color)) };
}

/**
 * One structured logger per process. The level comes from LOG_LEVEL (validated by the config
 * loader at start-up); reading the environment directly keeps logging usable before config loads.
 */
export function getLogger(): Logger {
  globalForLog.foresailLogger ??= pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service: process.env.FORESAIL_PROCESS ?? 'foresail', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['*.password', '*.token', '*.secret', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    resolveLogFormat() === 'pretty' ? prettyStdout() : undefined,
  );
  return globalForLog.foresailLogger;
}
