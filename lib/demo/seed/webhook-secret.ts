import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret of the demo's GitHub webhook: made once per data folder (mode 0600) and kept, so the
 * seeded Build trigger and the hook agree across restarts. It is never shown; "Push a change" signs
 * with whatever secret the Build trigger holds.
 */
export function demoWebhookSecret(dataDir: string): string {
  const file = path.join(path.resolve(dataDir), 'demo', 'github-webhook-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: made below
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
