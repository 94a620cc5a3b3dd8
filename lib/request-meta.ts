/**
 * The client's address as recorded in the audit log: the first X-Forwarded-For entry (Next's
 * server sets it from the socket when Foresail is reached directly; behind a proxy, that proxy
 * must set it), else X-Real-IP.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  return headers.get('x-real-ip')?.slice(0, 64) ?? null;
}
