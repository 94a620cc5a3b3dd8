import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePipelineImport, type ValidationContext, type ValidationIssue } from '../pipeline';
import { assessPipeline } from '../pipeline/assess';

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

interface ValidateOptions {
  files: string[];
  application?: string;
  strict: boolean;
}

const USAGE = 'Usage: npm run foresail -- validate [--application NAME] [--strict] FILE...   (JSON or YAML pipeline files)\n';

function parseArgs(args: string[]): ValidateOptions | undefined {
  const options: ValidateOptions = { files: [], strict: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--strict') options.strict = true;
    else if (arg === '--application') {
      const value = args[++i];
      if (!value || value.startsWith('--')) return undefined;
      options.application = value;
    } else if (arg.startsWith('--application=')) options.application = arg.slice('--application='.length);
    else options.files.push(arg);
  }
  return options.files.length > 0 ? options : undefined;
}

/**
 * `foresail validate [--application NAME] [--strict] FILE...`: checks pipeline files offline. Each
 * file may hold a pipeline, a list, or a Dinghy-style `{application, pipelines}`. By default it
 * reads as an import does (what Spinnaker accepted passes, with warnings saying what will not run;
 * a pipeline without a name is named after its file, one without an application takes
 * `--application`); `--strict` reports as the editor does, for pipeline-as-code repositories whose CI
 * should refuse what Foresail would not let anyone save. Exit code 1 when any error (or unreadable
 * file), 0 otherwise. `context` lets the caller add the expression parser (and accounts/pipelines).
 */
export async function runValidate(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, context?: ValidationContext): Promise<number> {
  const options = parseArgs(args);
  if (!options) {
    err.write(USAGE);
    return 2;
  }
  let failed = false;
  let errors = 0;
  let warnings = 0;
  for (const file of options.files) {
    let input: unknown;
    try {
      input = await readPipelineFile(file);
    } catch (e) {
      err.write(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
      failed = true;
      continue;
    }
    const name = path.basename(file).replace(/\.(json|ya?ml)$/i, '');
    const result = parsePipelineImport(input, { context, application: options.application, name });
    out.write(`${file}${result.application ? ` (application ${result.application})` : ''}\n`);
    if (result.items.length === 0) out.write('  no pipelines in this file\n');
    for (const item of result.items) {
      const issues = options.strict && item.config ? assessPipeline(item.config, context).issues : item.issues;
      const fileErrors = issues.filter((i) => i.severity === 'error');
      const fileWarnings = issues.filter((i) => i.severity === 'warning');
      errors += fileErrors.length;
      warnings += fileWarnings.length;
      const label = `pipeline ${item.index + 1}${item.name ? ` "${item.name}"` : ''}`;
      const verdict = fileErrors.length > 0 ? 'invalid' : item.template ? 'a template (checked, not a pipeline)' : 'valid';
      const counts = [fileErrors.length && plural(fileErrors.length, 'error'), fileWarnings.length && plural(fileWarnings.length, 'warning')].filter(Boolean);
      out.write(`  ${label}: ${verdict}${counts.length ? ` (${counts.join(', ')})` : ''}\n`);
      for (const issue of [...fileErrors, ...fileWarnings]) out.write(formatIssue(issue));
    }
  }
  out.write(`\n${plural(options.files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return failed || errors > 0 ? 1 : 0;
}
