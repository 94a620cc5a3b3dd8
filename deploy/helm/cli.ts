/**
 * `npm run deploy:render [-- helm template flags]`: prints the chart's manifests. Without flags it
 * renders the seed's setup (examples/seed.yaml) with placeholder secrets, to read what an install creates.
 */
import path from 'node:path';
import { examplesDir, helm, templateArgs } from './render';

const extra = process.argv.slice(2);
const args =
  extra.length > 0
    ? [...templateArgs({ valuesFiles: [] }), ...extra]
    : templateArgs({
        valuesFiles: [path.join(examplesDir, 'seed.yaml')],
        set: { 'secrets.sessionSecret': 'placeholder-session-secret-0123456789abcdef', 'secrets.githubClientSecret': 'placeholder', 'secrets.ldapBindPassword': 'placeholder' },
      });
const result = await helm(args);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exit(result.code);
