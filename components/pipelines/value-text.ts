/** How editor inputs turn typed text into config values and back (pure, so tested directly). */

/** A plain number when the text is one exactly; blank is absent; anything else (`${…}`, typos) stays text for validation to judge. */
export function readNumberText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(trimmed) && String(Number(trimmed)) === trimmed) return Number(trimmed);
  return text;
}

export function formatScalar(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One entry per non-blank line. */
export function readLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function formatLines(value: unknown): string {
  return Array.isArray(value) ? value.map(formatScalar).join('\n') : formatScalar(value);
}

/** Text for an optional field: blank means absent. */
export function readOptionalText(text: string, required: boolean): string | undefined {
  return text === '' && !required ? undefined : text;
}

/** Minutes shown for a millisecond timeout (expressions pass through). */
export function msToMinutesText(value: unknown): string {
  if (typeof value === 'number') return String(Math.round((value / 60_000) * 1000) / 1000);
  return formatScalar(value);
}

export function minutesTextToMs(text: string): unknown {
  const minutes = readNumberText(text);
  return typeof minutes === 'number' ? Math.round(minutes * 60_000) : minutes;
}
