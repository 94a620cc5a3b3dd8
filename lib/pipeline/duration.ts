const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * Milliseconds in an ISO-8601 duration as Java's `Duration.parse` reads it (`PT1H30M`, `PT0H5M`,
 * `P1DT2H`), or undefined when it is not one. Kayenta's `lifetimeDuration` uses this form.
 */
export function parseIsoDuration(value: string): number | undefined {
  const match = ISO_DURATION.exec(value.trim());
  if (!match || value.trim().toUpperCase() === 'P' || /T$/i.test(value.trim())) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part.replace(',', '.'))));
  return ((((days ?? 0) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}
