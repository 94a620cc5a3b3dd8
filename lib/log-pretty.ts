/**
 * Renders pino's JSON log lines for people reading a terminal: one line per event, the message
 * first, then the process and the event's fields. JSON stays the format for pipes and files.
 */

const levels: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '90' },
  30: { name: 'INFO ', color: '32' },
  40: { name: 'WARN ', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '35' },
};

// Fields every line carries; shown in a fixed place (or not at all) rather than as key=value.
const framing = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'component']);

function paint(color: boolean, code: string, text: string): string {
  return color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

// Long values (a job's whole payload) would wrap the line; LOG_FORMAT=json keeps them whole.
const maxValueLength = 120;

function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  else if (value instanceof Object && 'message' in value && typeof value.message === 'string') text = JSON.stringify(value.message);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

function clock(time: unknown): string {
  const date = typeof time === 'string' || typeof time === 'number' ? new Date(time) : new Date();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** One JSON log line in, one human line out (with ANSI colours when `color`). Non-JSON passes through. */
export function formatPretty(line: string, color: boolean): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = levels[Number(event.level)] ?? { name: String(event.level).toUpperCase().padEnd(5), color: '0' };
  const source = [event.service, event.component].filter((part) => typeof part === 'string' && part !== '').join('/');
  const fields = Object.entries(event)
    .filter(([key, value]) => !framing.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ');
  const parts = [
    paint(color, '2', clock(event.time)),
    paint(color, level.color, level.name),
    // A multi-line message (a stack trace) keeps its first line here; LOG_FORMAT=json has it all.
    paint(color, '1', typeof event.msg === 'string' ? (event.msg.split('\n', 1)[0] ?? '') : ''),
    source ? paint(color, '36', source) : '',
    fields ? paint(color, '2', fields) : '',
  ];
  return `${parts.filter((part) => part !== '').join('  ')}\n`;
}
