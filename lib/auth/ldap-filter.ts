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

/** The value of a DN's first RDN: `cn=release\, managers,ou=groups,...` → `release, managers`. */
export function firstRdnValue(dn: string): string | undefined {
  let i = dn.indexOf('=');
  if (i < 0) return undefined;
  i += 1;
  let out = '';
  while (i < dn.length) {
    const ch = dn[i] ?? '';
    if (ch === '\\') {
      const next = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(next)) {
        out += String.fromCharCode(parseInt(next, 16));
        i += 3;
      } else {
        out += dn[i + 1] ?? '';
        i += 2;
      }
      continue;
    }
    if (ch === ',' || ch === '+') break;
    out += ch;
    i += 1;
  }
  // Hex escapes spell UTF-8 bytes; decode them as such.
  return Buffer.from(out, 'latin1').toString('utf8').trim();
}
