import { describe, expect, it } from 'vitest';
import { checkEgressAllowEntry, checkEgressTarget } from './policy';

describe('checkEgressAllowEntry', () => {
  it.each(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', '::1', 'hooks.corp.internal', 'jenkins', 'build_server.corp'])('accepts %s', (entry) => {
    expect(checkEgressAllowEntry(entry)).toBeUndefined();
  });
  it.each([
    ['', 'is empty'],
    ['10.0.0.0/33', '"10.0.0.0/33" is not a valid IP address or CIDR range'],
    ['*.corp.internal', '"*.corp.internal" uses a wildcard; list each host name exactly, or allow its address range as a CIDR'],
    ['http://hooks.corp', '"http://hooks.corp" is not a valid IP address or CIDR range'],
    ['hooks corp', '"hooks corp" is not a host name, IP address or CIDR range'],
  ])('rejects %j: %s', (entry, problem) => {
    expect(checkEgressAllowEntry(entry)).toBe(problem);
  });
});

describe('checkEgressTarget', () => {
  it('returns the checked addresses for a public host', async () => {
    const target = await checkEgressTarget('https://hooks.example.com/x', { allow: [], lookup: async () => [{ address: '2606:4700::1111', family: 6 }] });
    expect(target.url.hostname).toBe('hooks.example.com');
    expect(target.addresses).toEqual([{ address: '2606:4700::1111', family: 6 }]);
  });
  it('uses the IP literal itself without DNS', async () => {
    const target = await checkEgressTarget('http://[2606:4700::1111]:8080/', { allow: [], lookup: () => Promise.reject(new Error('no DNS')) });
    expect(target.addresses).toEqual([{ address: '2606:4700::1111', family: 6 }]);
  });
  it('an allowed range covers the IPv4-mapped form of its addresses', async () => {
    await expect(checkEgressTarget('http://[::ffff:10.1.2.3]/', { allow: ['10.0.0.0/8'] })).resolves.toBeDefined();
  });
  it('a host name entry allows that name only, not its address', async () => {
    const lookup = async () => [{ address: '10.1.2.3', family: 4 as const }];
    await expect(checkEgressTarget('http://vault.corp/', { allow: ['vault.corp.'], lookup })).resolves.toBeDefined();
    await expect(checkEgressTarget('http://10.1.2.3/', { allow: ['vault.corp'], lookup })).rejects.toThrow(/10\.1\.2\.3 is a private address/);
  });
});
