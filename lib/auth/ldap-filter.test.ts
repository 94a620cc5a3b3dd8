import { describe, expect, it } from 'vitest';
import { escapeFilterValue, fillFilter, firstRdnValue } from './ldap-filter';

describe('escapeFilterValue (RFC 4515)', () => {
  it.each([
    ['alice', 'alice'],
    ['*', '\\2a'],
    ['a*)(uid=*', 'a\\2a\\29\\28uid=\\2a'],
    ['back\\slash', 'back\\5cslash'],
    ['nul\u0000byte', 'nul\\00byte'],
    ['*)(|(objectClass=*)', '\\2a\\29\\28|\\28objectClass=\\2a\\29'],
    ['é', '\\c3\\a9'],
  ])('%j → %j', (input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });

  it('keeps injection attempts inside one assertion', () => {
    const filter = fillFilter('(uid={login})', { login: 'x)(uid=*))(|(uid=*' });
    expect(filter).toBe('(uid=x\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a)');
    // Balanced parentheses in the result come only from the template.
    expect(filter.replace(/\\../g, '').split('(').length - 1).toBe(1);
  });
});

describe('fillFilter', () => {
  it('fills known placeholders and leaves others', () => {
    expect(fillFilter('(&(member={dn})(x={other}))', { dn: 'uid=a,ou=p' })).toBe('(&(member=uid=a,ou=p)(x={other}))');
  });
});

describe('firstRdnValue', () => {
  it.each([
    ['cn=admins,ou=groups,dc=foresail,dc=test', 'admins'],
    ['CN=Release Managers,OU=Groups,DC=corp', 'Release Managers'],
    ['cn=a\\, b,ou=g', 'a, b'],
    ['cn=caf\\c3\\a9,ou=g', 'café'],
    // Directories return non-ASCII letters as they are, not escaped: they must survive unchanged.
    ['cn=Développeurs,ou=groups,dc=x', 'Développeurs'],
    ['cn=Größenprüfer,ou=groups,dc=x', 'Größenprüfer'],
    ['cn=開発者,ou=groups,dc=x', '開発者'],
    ['cn=Équipe \\2b 開発\\, 🚀,ou=g', 'Équipe + 開発, 🚀'],
    ['cn=\\e9t\\c3\\a9,ou=g', '\uFFFDté'],
    ['cn=multi+uid=x,ou=g', 'multi'],
    ['no-equals', undefined],
  ])('%s → %s', (dn, expected) => {
    expect(firstRdnValue(dn)).toBe(expected);
  });
});
