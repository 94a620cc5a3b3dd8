import fs from 'node:fs';
import path from 'node:path';

/** Reads a service's state file; undefined when it is missing or not valid JSON. */
export function readState<T>(file: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isValid(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes via a temporary file and rename, so a reader never sees half a file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
