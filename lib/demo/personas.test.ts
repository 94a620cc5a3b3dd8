import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPersonas } from './personas';

// The demo's OpenLDAP loads this seed; the built-in static directory uses demoPersonas. Same people,
// same groups, so a persona holds the same roles whichever directory answers.
const ldif = fs.readFileSync(path.join(import.meta.dirname, '../world/ldap-seed.ldif'), 'utf8');
const records = ldif
  .split(/\n\s*\n/)
  .map((block) => block.split('\n').filter((line) => line && !line.startsWith('#')))
  .map((lines) => lines.map((line) => line.split(/: (.*)/s) as [string, string]))
  .filter((pairs) => pairs.length > 0);
const values = (pairs: [string, string][], name: string) => pairs.filter(([key]) => key === name).map(([, value]) => value);

/** memberOf as the seed's memberof overlay fills it: groupOfNames groups listing the person as member. */
function seedPerson(uid: string) {
  const entry = records.find((pairs) => values(pairs, 'uid').includes(uid) && values(pairs, 'objectClass').includes('inetOrgPerson'));
  if (!entry) return undefined;
  const dn = values(entry, 'dn')[0];
  const groups = records.filter((pairs) => values(pairs, 'objectClass').includes('groupOfNames') && values(pairs, 'member').includes(dn ?? '')).flatMap((pairs) => values(pairs, 'cn'));
  return { githubId: Number(values(entry, 'githubId')[0]), name: values(entry, 'displayName')[0], groups: groups.sort() };
}

describe('demo personas', () => {
  it.each(demoPersonas.map((p) => [p.login, p] as const))('%s has the same GitHub id, name and groups as in the LDAP seed', (login, persona) => {
    expect(seedPerson(login)).toEqual({ githubId: persona.githubId, name: persona.name, groups: [...persona.groups].sort() });
  });

  it('offers the four roles of the story: an administrator, a release manager, a viewer and someone with no groups', () => {
    expect(demoPersonas.map((p) => [p.login, p.groups])).toEqual([
      ['alice', ['admins', 'developers']],
      ['bob', ['developers', 'release-managers']],
      ['dave', ['viewers']],
      ['carol', []],
    ]);
  });
});
