import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parsePipelineImport, type ValidationContext, type ValidationIssue } from '../pipeline';

/** Reads JSON (by extension) or YAML; JSON.parse gives the clearer message for .json files. */
async function readPipelineFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  return /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatIssue(issue: ValidationIssue): string {
  return `    ${issue.severity === 'error' ? 'error  ' : 'warning'}  ${issue.path === '' ? '(pipeline)' : issue.path}: ${issue.message}\n`;
}

/**
 * `foresail validate FILE...`: checks pipeline files offline, as pipeline-as-code repositories do in
 * CI. Each file may hold a pipeline, a list, or a Dinghy-style `{application, pipelines}`. Prints
 * every issue with its path; exit code 1 when any error (or unreadable file), 0 otherwise.
 * `context` lets the caller add the expression parser (and accounts/pipelines if it has them).
 */
export async function runValidate(files: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, context?: ValidationContext): Promise<number> {
  if (files.length === 0) {
    err.write('Usage: npm run foresail -- validate FILE...   (JSON or YAML pipeline files)\n');
    return 2;
  }
  let failed = false;
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let input: unknown;
    try {
      input = await readPipelineFile(file);
    } catch (e) {
      err.write(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
      failed = true;
      continue;
    }
    const result = parsePipelineImport(input, { context });
    out.write(`${file}${result.application ? ` (application ${result.application})` : ''}\n`);
    if (result.items.length === 0) out.write('  no pipelines in this file\n');
    for (const item of result.items) {
      const fileErrors = item.issues.filter((i) => i.severity === 'error');
      const fileWarnings = item.issues.filter((i) => i.severity === 'warning');
      errors += fileErrors.length;
      warnings += fileWarnings.length;
      const label = `pipeline ${item.index + 1}${item.name ? ` "${item.name}"` : ''}`;
      const verdict = fileErrors.length > 0 ? 'invalid' : 'valid';
      const counts = [fileErrors.length && plural(fileErrors.length, 'error'), fileWarnings.length && plural(fileWarnings.length, 'warning')].filter(Boolean);
      out.write(`  ${label}: ${verdict}${counts.length ? ` (${counts.join(', ')})` : ''}\n`);
      for (const issue of [...fileErrors, ...fileWarnings]) out.write(formatIssue(issue));
    }
  }
  out.write(`\n${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return failed || errors > 0 ? 1 : 0;
}
