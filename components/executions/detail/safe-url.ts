/**
 * The link and image URL policy for user-written Markdown (manual judgment instructions): only
 * http(s), mailto and relative URLs survive; anything else (javascript:, data:, vbscript:, file:…)
 * becomes an empty string, which react-markdown renders without an href or src.
 * Browsers ignore tabs, newlines and leading control characters in a scheme ("java\tscript:"),
 * so those are stripped before the scheme is read.
 */
const allowedSchemes = new Set(['http:', 'https:', 'mailto:']);

export function safeUrl(url: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return url.trim();
  return allowedSchemes.has((scheme[1] ?? '').toLowerCase() + ':') ? url.trim() : '';
}
