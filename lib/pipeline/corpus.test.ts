import { describe, expect, it } from 'vitest';
import { parsePipelineImport, type ImportItem } from './import';
import type { ValidationIssue } from './issues';
import { spinnakerStageTypes, spinnakerTriggerTypes, unsupportedStageMessage, unsupportedTriggerMessage } from './spinnaker-types';

/**
 * The public Spinnaker corpus (e2e/fixtures/spinnaker-corpus, sources and licences in SOURCES.md):
 * every file imports, 0 refused, each pipeline with exactly the warnings expected-warnings.json lists
 * (reviewed by hand: each says what will not run and why). Vite's glob import keeps lib/pipeline free
 * of node:fs.
 */
const root = '/e2e/fixtures/spinnaker-corpus/';
const json = import.meta.glob<unknown>(['/e2e/fixtures/spinnaker-corpus/**/*.json', '!**/expected-warnings.json'], { eager: true, import: 'default' });
const dinghy = import.meta.glob<string>('/e2e/fixtures/spinnaker-corpus/dinghy/*', { eager: true, query: '?raw', import: 'default' });
const expected = import.meta.glob<Record<string, string[][]>>('/e2e/fixtures/spinnaker-corpus/expected-warnings.json', { eager: true, import: 'default' })[`${root}expected-warnings.json`] ?? {};
const readme = import.meta.glob<string>('/README.md', { eager: true, query: '?raw', import: 'default' })['/README.md'] ?? '';

const DINGHY_CALL = /\{\{\s*(module|var)\s+"([^"]+)"((?:\s+(?:"[^"]*"|\d+))*)\s*(?:\?:\s*("[^"]*"|\d+))?\s*\}\}/g;

/**
 * Armory Dinghy's two template functions the corpus uses: `{{ module "file" "key" value ... }}`
 * inlines another file with those variables, `{{ var "key" ?: default }}` reads one. Enough to render
 * Dinghy's own example as its server does; not a general Go-template engine.
 */
function renderDinghy(file: string, vars: ReadonlyMap<string, string> = new Map(), depth = 0): string {
  const text = dinghy[`${root}dinghy/${file}`];
  if (text === undefined || depth > 5) throw new Error(`dinghy module ${file} not found`);
  return text.replace(DINGHY_CALL, (_whole, fn: string, name: string, args: string, fallback: string | undefined) => {
    if (fn === 'var') {
      const value = vars.get(name) ?? fallback ?? '""';
      return value.startsWith('"') ? value.slice(1, -1) : value;
    }
    const words = args.match(/"[^"]*"|\d+/g) ?? [];
    const own = new Map<string, string>();
    for (let i = 0; i + 1 < words.length; i += 2) own.set((words[i] ?? '').slice(1, -1), words[i + 1] ?? '');
    return renderDinghy(name, own, depth + 1);
  });
}

interface CorpusFile {
  file: string;
  input: unknown;
  /** Source files this entry was made from (a Dinghy file and its modules render into one). */
  sourceFiles?: number;
}

/** The kind of a warning, for the README's figures. */
function warningKind(issue: ValidationIssue): string {
  const { path, message } = issue;
  if (message.includes(' stages do not run in Foresail')) return 'stage type Foresail does not run';
  if (message.includes(' triggers never start this pipeline')) return 'trigger type Foresail does not fire';
  if (path === 'application') return message.startsWith('belongs to') ? 'application differs from the import\'s' : 'application missing (taken from the import)';
  if (path === 'name') return message.startsWith('was missing') ? 'name missing (taken from the file)' : 'two pipelines of one import with one name';
  if (path === '') return 'MPT v2 template document (saved with spin pipeline-templates, not as a pipeline)';
  if (path === 'template') return 'templated pipeline (MPT v2; resolved from its saved template)';
  if (/^stages\[\d+\]\.name$/.test(path)) return 'stage name missing or shared (#stage() ambiguous)';
  if (message.includes('refers to expected artifact')) return 'artifact id no trigger or stage produces';
  if (path.startsWith('notifications')) return 'notification type Foresail does not send';
  if (path.startsWith('stages[')) return 'stage field Foresail cannot run as written';
  if (path.startsWith('triggers[')) return 'trigger field Foresail cannot use as written';
  return 'other';
}

interface Figures {
  files: number;
  pipelines: number;
  templates: number;
  imported: number;
  refused: number;
  warnings: number;
  warningsByKind: Map<string, number>;
}

function corpusFigures(corpus: readonly CorpusFile[], imported: ReadonlyMap<string, ImportItem[]>): Figures {
  const items = [...imported.values()].flat();
  const warnings = items.flatMap((item) => item.issues.filter((i) => i.severity === 'warning'));
  const warningsByKind = new Map<string, number>();
  for (const warning of warnings) warningsByKind.set(warningKind(warning), (warningsByKind.get(warningKind(warning)) ?? 0) + 1);
  const refusedItem = (item: ImportItem) => item.config === undefined || item.issues.some((i) => i.severity === 'error');
  return {
    files: corpus.reduce((n, f) => n + (f.sourceFiles ?? 1), 0),
    pipelines: items.filter((item) => !item.template).length,
    templates: items.filter((item) => item.template).length,
    imported: items.filter((item) => !item.template && !refusedItem(item)).length,
    refused: items.filter(refusedItem).length,
    warnings: warnings.length,
    warningsByKind,
  };
}

function corpusFiguresMarkdown(figures: Figures): string {
  const kinds = [...figures.warningsByKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    `${figures.files} files, ${figures.pipelines} pipelines and ${figures.templates} MPT v2 template${figures.templates === 1 ? '' : 's'}: **${figures.imported} of ${figures.pipelines} import, ${figures.refused} refused**, with ${figures.warnings} warnings:`,
    '',
    '| Warning | Count |',
    '|---|---|',
    ...kinds.map(([kind, count]) => `| ${kind} | ${count} |`),
    '',
  ].join('\n');
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.json$/, '');

const files: CorpusFile[] = [
  ...Object.entries(json).map(([path, input]) => ({ file: path.slice(root.length), input })),
  { file: 'dinghy/dinghyfile', input: JSON.parse(renderDinghy('dinghyfile')) as unknown, sourceFiles: 3 },
].sort((a, b) => a.file.localeCompare(b.file));

const imports = new Map<string, ImportItem[]>(files.map(({ file, input }) => [file, parsePipelineImport(input, { name: baseName(file) }).items]));

describe('the public Spinnaker corpus', () => {
  it('holds at least 40 files of every shape: single pipelines, Gate lists, Dinghy, MPT v2', () => {
    expect(files.reduce((n, f) => n + (f.sourceFiles ?? 1), 0)).toBeGreaterThanOrEqual(40);
    expect(files.some((f) => Array.isArray(f.input))).toBe(true);
    expect(imports.get('dinghy/dinghyfile')?.map((i) => i.name)).toStrictEqual(['test', 'test pipeline module']);
    expect(imports.get('mpt-v2/create-template-newSpelTemplate.json')?.[0]?.template).toBe(true);
  });

  it('renders Dinghy modules with their variables', () => {
    const [first, second] = imports.get('dinghy/dinghyfile') ?? [];
    expect(first?.pipeline?.stages[0]).toMatchObject({ type: 'wait', name: 'defaultname', waitTime: 10 });
    expect(second?.pipeline?.stages[0]).toMatchObject({ type: 'wait', waitTime: 200 });
  });

  it('has an expectation for every file, and a file for every expectation', () => {
    expect(Object.keys(expected).sort()).toStrictEqual(files.map((f) => f.file).sort());
  });

  for (const { file } of files) {
    it(`${file} imports every pipeline (none refused) with exactly the expected warnings`, () => {
      const items = imports.get(file) ?? [];
      for (const item of items) {
        expect(item.issues.filter((i) => i.severity === 'error'), `${file} #${item.index}`).toStrictEqual([]);
        expect(item.config, `${file} #${item.index} is stored`).toBeDefined();
      }
      expect(items.map((item) => item.issues.map((i) => `${i.path}: ${i.message}`))).toStrictEqual(expected[file]);
    });
  }

  it('knows every stage and trigger type the corpus uses (each warning says why, not "unknown type")', () => {
    const types = (key: 'stages' | 'triggers') =>
      [...imports.values()].flat().flatMap((item) => ((item.pipeline?.[key] ?? []) as { type: string }[]).map((s) => s.type));
    expect(types('stages').filter((t) => !spinnakerStageTypes.has(t))).toStrictEqual([]);
    expect(types('triggers').filter((t) => !spinnakerTriggerTypes.has(t))).toStrictEqual([]);
  });

  it('matches the import figures the README reports', () => {
    const figures = corpusFigures(files, imports);
    expect(figures.refused).toBe(0);
    expect(figures.warningsByKind.get('other')).toBeUndefined();
    const section = readme.match(/<!-- corpus-figures:start -->\n([\s\S]*?)<!-- corpus-figures:end -->/)?.[1];
    expect(section, 'README.md has the corpus figures between <!-- corpus-figures:start --> and :end markers').toBe(corpusFiguresMarkdown(figures));
  });

  it('classifies warnings by kind', () => {
    expect(warningKind({ path: 'stages[3].type', message: unsupportedStageMessage('deploy'), severity: 'warning' })).toBe('stage type Foresail does not run');
    expect(warningKind({ path: 'triggers[0].type', message: unsupportedTriggerMessage('jenkins'), severity: 'warning' })).toBe('trigger type Foresail does not fire');
    expect(warningKind({ path: 'stages[0].waitTime', message: 'must be at least 0', severity: 'warning' })).toBe('stage field Foresail cannot run as written');
  });
});
