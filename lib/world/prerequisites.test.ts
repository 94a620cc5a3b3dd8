import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGo, checkRequirement, findOnPath } from './prerequisites';

const dirs: string[] = [];
function binDir(programs: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-path-'));
  dirs.push(dir);
  for (const name of programs) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// Real PATHs, not mocks: what a program finds depends only on the PATH it is given.
describe('world prerequisites', () => {
  it('finds programs only on PATH', () => {
    const dir = binDir(['slapd']);
    expect(findOnPath('slapd', { PATH: `/nonexistent:${dir}` })).toBe(path.join(dir, 'slapd'));
    expect(findOnPath('slapd', { PATH: '/nonexistent' })).toBeUndefined();
    expect(checkRequirement({ commands: ['slapd'], packages: ['slapd'] }, { PATH: dir })).toEqual({ ok: true });
  });

  it('names the packages and the apt-get command when a program is nowhere', () => {
    const req = { commands: ['foresail-no-such-program'], packages: ['foresail-no-such-package'] };
    expect(checkRequirement(req, { PATH: `${binDir(['apt-get'])}` })).toEqual({
      ok: false,
      missing: 'foresail-no-such-program (Debian packages foresail-no-such-package)',
      fix: 'sudo apt-get install -y --no-install-recommends foresail-no-such-package',
    });
    // Without apt there is no one-line install to offer: say what to install.
    expect(checkRequirement(req, { PATH: binDir([]) })).toMatchObject({ ok: false, fix: "install foresail-no-such-package with your system's package manager" });
  });

  it('says which folder to put on PATH when the program is installed but off PATH (sudo, services)', () => {
    // useradd is in /usr/sbin on every Debian (package passwd, essential).
    expect(checkRequirement({ commands: ['useradd'], packages: ['passwd'] }, { PATH: binDir([]) })).toEqual({
      ok: false,
      missing: 'useradd: installed in /usr/sbin, which is not on PATH',
      fix: 'export PATH="$PATH:/usr/sbin"',
    });
  });

  it('needs a Go toolchain on PATH, new enough for the pinned modules', async () => {
    const noGo = await checkGo('1.26.0', { PATH: binDir([]) });
    expect(noGo.ok).toBe(false);
    if (!noGo.ok && fs.existsSync('/usr/local/go/bin/go')) expect(noGo).toEqual({ ok: false, missing: 'Go (to build Kubernetes once): installed in /usr/local/go/bin, which is not on PATH', fix: 'export PATH="$PATH:/usr/local/go/bin"' });
    else if (!noGo.ok) expect(noGo.fix).toMatch(/^curl -fsSL https:\/\/go\.dev\/dl\/go[\d.]+\.linux-(amd64|arm64)\.tar\.gz \| sudo tar -C \/usr\/local -xz/);

    const realGo = findOnPath('go');
    if (realGo) {
      expect(await checkGo('1.0', process.env)).toEqual({ ok: true });
      const tooOld = await checkGo('999.0', process.env);
      expect(tooOld).toMatchObject({ ok: false, missing: expect.stringMatching(/^Go 999\.0 or newer \(found Go [\d.]+ at /) });
    }
  });
});
