import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureSpin, SPIN_VERSION, spinPaths, spinVersion } from './spin.ts';

describe('spin CLI', () => {
  it(
    'is built from the pinned release and prints its version',
    async () => {
      const bin = await ensureSpin(); // builds on the first run (tens of seconds), then reuses the cached binary
      expect(bin).toBe(spinPaths().bin);
      expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
      expect(await spinVersion(bin)).toBe(`version ${SPIN_VERSION}`);
      const stamp: unknown = JSON.parse(fs.readFileSync(spinPaths().stamp, 'utf8'));
      expect(stamp).toMatchObject({ version: SPIN_VERSION });
    },
    600_000,
  );
});
