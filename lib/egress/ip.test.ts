import { describe, expect, it } from 'vitest';
import { cidrContains, embeddedIpv4, formatIp, parseCidr, parseIp } from './ip';
import { blockedAddressKind } from './ranges';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an IP: ${text}`);
  return parsed;
};

describe('parseIp / formatIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['::', '::'],
  ])('%s → %s', (input, formatted) => {
    expect(formatIp(ip(input))).toBe(formatted);
  });

  it.each(['localhost', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5', '', ':::1'])('rejects %s (only strict forms; the URL parser normalises the rest)', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it('reads ranges and single addresses', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ version: 4, prefix: 8 });
    expect(parseCidr('127.0.0.1')).toMatchObject({ version: 4, prefix: 32 });
    expect(parseCidr('fd00::/8')).toMatchObject({ version: 6, prefix: 8 });
  });
  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/1', 'host/8', '10.0.0.0/-1'])('rejects %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
  it('matches by prefix, per address family', () => {
    const range = parseCidr('172.16.0.0/12');
    expect(range && cidrContains(range, ip('172.31.255.255'))).toBe(true);
    expect(range && cidrContains(range, ip('172.32.0.0'))).toBe(false);
    expect(range && cidrContains(range, ip('::ffff:172.16.0.1'))).toBe(false);
  });
});

describe('embeddedIpv4', () => {
  it.each([
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['2002:7f00:1::', '127.0.0.1'],
    ['::7f00:1', '127.0.0.1'],
  ])('%s carries %s', (v6, v4) => {
    const inner = embeddedIpv4(ip(v6));
    expect(inner && formatIp(inner.ip)).toBe(v4);
  });
  it('does not treat :: and ::1 as IPv4', () => {
    expect(embeddedIpv4(ip('::'))).toBeUndefined();
    expect(embeddedIpv4(ip('::1'))).toBeUndefined();
  });
});

describe('blockedAddressKind', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['0.0.0.0', 'an unspecified ("this host") address'],
    ['169.254.169.254', 'a link-local address (cloud metadata)'],
    ['169.254.1.1', 'a link-local address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.5.5', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fd00:ec2::254', 'a private (unique local) address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped form of 127.0.0.1, a loopback address'],
    ['::ffff:169.254.169.254', 'an IPv4-mapped form of 169.254.169.254, a link-local address (cloud metadata)'],
  ])('%s is %s', (address, kind) => {
    expect(blockedAddressKind(ip(address))).toBe(kind);
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(blockedAddressKind(ip(address))).toBeUndefined();
  });
});
