const secretKey = /(secret|password|token|private|credential|apikey|api_key)/i;

/** A copy of a configuration tree safe to print or show: secret-looking keys and URL passwords masked. */
export function redactConfig(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (secretKey.test(key)) return value === '' ? '' : '********';
    return redactUrlPassword(value);
  }
  if (Array.isArray(value)) return value.map((item) => redactConfig(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, k)]));
  }
  return value;
}

function redactUrlPassword(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    if (url.password === '') return value;
    url.password = '********';
    return url.toString();
  } catch {
    return value;
  }
}
