import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from './validate';

const fixtures = path.resolve(import.meta.dirname, '../../e2e/fixtures/pipelines');

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(files: string[], context?: Parameters<typeof runValidate>[3]) {
  const out = sink();
  const err = sink();
  const code = await runValidate(files, out.stream, err.stream, context);
  return { code, out: out.text(), err: err.text() };
}

describe('foresail validate', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'foresail-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes valid files, printing warnings, with exit code 0', async () => {
    const result = await run([path.join(fixtures, 'blue-green.json'), path.join(fixtures, 'dinghy.json')]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toContain('pipeline 1 "Blue/green release": valid (2 warnings)');
    expect(result.out).toContain('dinghy.json (application storefront)');
    expect(result.out).toContain('  pipeline 2 "Shift traffic": valid\n');
    // The git trigger has no secret, as Spinnaker allows: valid, with a warning that unsigned pushes are refused.
    expect(result.out).toContain('    warning  triggers[0].secret: has no secret');
    expect(result.out).toContain('2 files checked: 0 errors, 2 warnings');
  });

  it('fails with exit code 1 and prints each error with its path', async () => {
    const result = await run([path.join(fixtures, 'invalid/cycle.json'), path.join(fixtures, 'canary.json')]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('pipeline 1 "Accidental cycle": invalid (1 error)\n    error    stages[1].requisiteStageRefIds[1]: stages form a cycle: b → c → d → b\n');
    expect(result.out).toContain('pipeline 1 "Canary to production": valid');
  });

  it('reads YAML, in any import shape', async () => {
    const file = path.join(dir, 'pipelines.yml');
    await writeFile(
      file,
      ['application: shop', 'pipelines:', '  - name: From YAML', '    stages:', '      - type: wait', '        name: Wait', '        waitTime: "${parameters.wait}"'].join('\n'),
    );
    const result = await run([file]);
    expect(result.out).toContain('pipelines.yml (application shop)\n  pipeline 1 "From YAML": valid\n');
    expect(result.code).toBe(0);
  });

  it('uses the expression checker it is given', async () => {
    const file = path.join(dir, 'expr.json');
    await writeFile(file, JSON.stringify({ application: 'a', name: 'n', stages: [{ type: 'wait', name: 'W', waitTime: '${oops}' }] }));
    const checkExpression = () => [{ offset: 2, length: 4, message: 'unknown name' }];
    const lenient = await run([file], { checkExpression });
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('warning  stages[0].waitTime: expression error at character 3: unknown name; the stage fails when a run reaches it');
    const strict = await run(['--strict', file], { checkExpression });
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('error    stages[0].waitTime: expression error at character 3: unknown name\n');
  });

  it('takes a missing application from --application and a missing name from the file, saying so', async () => {
    const file = path.join(dir, 'edit-as-json.json');
    await writeFile(file, JSON.stringify({ stages: [{ refId: '1', type: 'wait', name: 'W', waitTime: 5 }] }));
    const result = await run(['--application', 'shop', file]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('  pipeline 1 "edit-as-json": valid (2 warnings)\n');
    expect(result.out).toContain('warning  application: was missing; the pipeline is imported into application "shop"\n');
    expect(result.out).toContain('warning  name: was missing; the pipeline is named "edit-as-json" after the file\n');
  });

  it('reports unreadable and unparsable files on stderr and fails', async () => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{ "application": ');
    const result = await run([path.join(dir, 'missing.json'), broken]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/missing\.json: cannot read: ENOENT/);
    expect(result.err).toMatch(/broken\.json: cannot read: .*JSON/);
  });

  it('explains its usage when given no files', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: npm run foresail -- validate [--application NAME] [--strict] FILE...');
    expect((await run(['--application'])).code).toBe(2);
  });
});
