/**
 * LDAP string handling that must be exact: RFC 4515 filter escaping (a GitHub login never reaches
 * a filter unescaped) and reading a group's name from its DN (RFC 4514 escapes).
 */

/** Escapes a value for use inside an LDAP search filter: `\ * ( )` and NUL become `\xx`. */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte === 0x5c || byte === 0x2a || byte === 0x28 || byte === 0x29 || byte === 0x00 ? `\\${byte.toString(16).padStart(2, '0')}` : byte < 0x80 ? ch : `\\${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Replaces `{name}` placeholders with escaped values; unknown placeholders are left as they are. */
export function fillFilter(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (match, name: string) => (name in values ? escapeFilterValue(values[name] ?? '') : match));
}

/**
 * The value of a DN's first RDN: `cn=release\, managers,ou=groups,...` → `release, managers`.
 * `\XX` escapes spell UTF-8 bytes (RFC 4514), while other characters arrive already decoded (a
 * directory returns `cn=Développeurs` as is): bytes are collected and decoded once, as UTF-8.
 */
export function firstRdnValue(dn: string): string | undefined {
  const start = dn.indexOf('=');
  if (start < 0) return undefined;
  const chars = [...dn.slice(start + 1)]; // code points, so a raw 開 stays one character
  const bytes: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    if (char === '\\') {
      const hex = `${chars[i + 1] ?? ''}${chars[i + 2] ?? ''}`;
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        i += 1;
        bytes.push(...Buffer.from(chars[i] ?? '', 'utf8'));
      }
      continue;
    }
    if (char === ',' || char === '+') break;
    bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8').trim();
}
