import { describe, expect, it } from 'vitest';
import { clientAddress } from './request-meta';
import { peerAddressHeader } from './runtime/peer-address-header';

const request = (peer: string | undefined, forwardedFor?: string) =>
  new Headers({ ...(peer === undefined ? {} : { [peerAddressHeader]: peer }), ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }), 'x-real-ip': '192.0.2.99' });

describe('clientAddress', () => {
  it('is the connection peer when no proxy is trusted, whatever the client claims', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.9'), [])).toBe('198.51.100.7');
    expect(clientAddress(request('198.51.100.7'), [])).toBe('198.51.100.7');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.9'), ['10.0.0.0/8'])).toBe('198.51.100.7');
  });

  it('takes the address the trusted proxy saw, skipping trusted hops from the right', () => {
    expect(clientAddress(request('10.1.2.3', '203.0.113.9'), ['10.0.0.0/8'])).toBe('203.0.113.9');
    // The client's own "X-Forwarded-For: 1.1.1.1" comes first; the proxy appended the real address.
    expect(clientAddress(request('10.1.2.3', '1.1.1.1, 203.0.113.9'), ['10.0.0.0/8'])).toBe('203.0.113.9');
    expect(clientAddress(request('10.1.2.3', '1.1.1.1, 203.0.113.9, 10.9.9.9'), ['10.0.0.0/8'])).toBe('203.0.113.9');
  });

  it('stops at a hop that is not an address', () => {
    expect(clientAddress(request('10.1.2.3', '203.0.113.9, unknown, 10.9.9.9'), ['10.0.0.0/8'])).toBe('10.9.9.9');
    expect(clientAddress(request('10.1.2.3', 'garbage'), ['10.0.0.0/8'])).toBe('10.1.2.3');
  });

  it('is the last proxy when every hop is trusted', () => {
    expect(clientAddress(request('10.1.2.3', '10.4.4.4'), ['10.0.0.0/8'])).toBe('10.4.4.4');
  });

  it('understands IPv6 and IPv4-mapped peers', () => {
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), [])).toBe('127.0.0.1');
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), ['127.0.0.1/32'])).toBe('203.0.113.9');
    expect(clientAddress(request('fd00::5', '2001:db8::1'), ['fd00::/8'])).toBe('2001:db8::1');
  });

  it('is unknown without a recorded peer (never taken from client headers)', () => {
    expect(clientAddress(request(undefined, '203.0.113.9'), [])).toBeNull();
  });
});
