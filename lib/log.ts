import pino, { type Logger } from 'pino';

export type { Logger };

const globalForLog = globalThis as unknown as { foresailLogger?: Logger };

/**
 * One structured JSON logger per process. The level comes from LOG_LEVEL (validated by the config
 * loader at start-up); reading the environment directly keeps logging usable before config loads.
 */
export function getLogger(): Logger {
  globalForLog.foresailLogger ??= pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: process.env.FORESAIL_PROCESS ?? 'foresail', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.password', '*.token', '*.secret', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
  return globalForLog.foresailLogger;
}
