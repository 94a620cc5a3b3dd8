import { describe, expect, it } from 'vitest';
import type { WorldPart } from './status';
import { describePart, describeState, roughElapsed, isWorldReady, isWorldSettled } from './status-text';

const t0 = 1_800_000_000_000;
const part = (state: Partial<WorldPart> & Pick<WorldPart, 'state'>, extra: Partial<WorldPart> = {}): WorldPart =>
  ({ id: 'kubernetes', label: 'Kubernetes', required: true, ...extra, ...state }) as WorldPart;

describe('world status text', () => {
  it('says what each state is doing, with elapsed time where it lasts', () => {
    expect(describePart(part({ state: 'building', step: 2, total: 6, item: 'kube-apiserver', since: t0 }), t0 + 4 * 60_000 + 10_000)).toBe(
      'Kubernetes: building kube-apiserver (2/6), 4 min',
    );
    expect(describeState(part({ state: 'building', step: 0, total: 6, item: 'binaries', since: t0, waitingFor: 'PID 42' }), t0 + 5_000)).toBe('waiting for PID 42, 5 s');
    expect(describeState(part({ state: 'installing', packages: ['slapd', 'ldap-utils'], since: t0 }), t0 + 61_000)).toBe('installing slapd, ldap-utils, 1 min');
    expect(describeState(part({ state: 'starting', since: t0 }), t0)).toBe('starting, 0 s');
    expect(describeState(part({ state: 'pending' }), t0)).toBe('waiting to start');
    expect(describeState(part({ state: 'ready', since: t0 }), t0 + 999_999)).toBe('ready');
    expect(describeState(part({ state: 'failed', reason: 'etcd exited', since: t0 }), t0)).toBe('failed: etcd exited');
    expect(describeState(part({ state: 'unavailable', missing: 'Go 1.26.0 or newer', fix: 'curl …' }), t0)).toBe('unavailable: missing Go 1.26.0 or newer');
  });

  it('formats elapsed time in seconds, minutes, then hours', () => {
    expect([roughElapsed(-5), roughElapsed(59_999), roughElapsed(60_000), roughElapsed(3_599_000), roughElapsed(3_720_000)]).toEqual(['0 s', '59 s', '1 min', '59 min', '1 h 2 min']);
  });

  it('is ready when every required part is, whatever the optional ones do', () => {
    const ldap = (state: WorldPart['state']) => part(state === 'unavailable' ? { state, missing: 'slapd', fix: 'apt-get' } : ({ state, since: t0 } as Pick<WorldPart, 'state'>), { id: 'ldap', label: 'OpenLDAP', required: false });
    const ready = part({ state: 'ready', since: t0 });
    expect(isWorldReady([ready, ldap('unavailable')])).toBe(true);
    expect(isWorldReady([ready, part({ state: 'starting', since: t0 }, { id: 'prometheus' })])).toBe(false);
    expect(isWorldReady([])).toBe(false);
  });

  it('is settled once nothing moves without someone acting', () => {
    expect(isWorldSettled([part({ state: 'ready', since: t0 }), part({ state: 'failed', reason: 'x', since: t0 })])).toBe(true);
    expect(isWorldSettled([part({ state: 'ready', since: t0 }), part({ state: 'building', step: 1, total: 6, item: 'etcd', since: t0 })])).toBe(false);
  });
});
