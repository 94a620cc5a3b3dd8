'use client';

import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { parsePath } from './issue-paths';
import type { JsonObject } from './json-path';
import { LINE_HEIGHT_PX, LineNumberedTextarea } from './line-numbered-textarea';
import { parseConfigText, rangeOfPath, serialize, type TextFormat, type TextProblem } from './text-document';

export interface TextModeProps {
  text: string;
  format: TextFormat;
  readOnly: boolean;
  /** Model issues of the config the text last parsed to. */
  issues: readonly ValidationIssue[];
  /** Where to jump next (an issue path), from the summary above. */
  jump?: { path: string; at: number };
  onChange(text: string): void;
  /** After a pause in typing: the config the text describes, or undefined while it does not parse. */
  onParsed(config: JsonObject | undefined): void;
  onFormat(format: TextFormat, text: string): void;
}

/** The whole config as JSON or YAML with live validation and jump-to-error (selects the text of the path). */
export function TextMode({ text, format, readOnly, issues, jump, onChange, onParsed, onFormat }: TextModeProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [problem, setProblem] = useState<TextProblem>();
  const [formatError, setFormatError] = useState<string>();

  // Parse after a pause in typing: a large YAML document takes tens of milliseconds.
  useEffect(() => {
    const timer = setTimeout(() => {
      const parsed = parseConfigText(text, format);
      setProblem(parsed.problem);
      onParsed(parsed.value);
    }, 150);
    return () => clearTimeout(timer);
  }, [text, format]); // eslint-disable-line react-hooks/exhaustive-deps -- onParsed changes identity every render

  const select = (start: number, end: number) => {
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, Math.max(start, end));
    const line = text.slice(0, start).split('\n').length;
    el.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT_PX);
  };
  const reveal = (path: string) => {
    const range = rangeOfPath(text, parsePath(path));
    if (range) select(range.start, range.end);
  };

  useEffect(() => {
    if (jump) reveal(jump.path);
  }, [jump]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new jump request moves the selection

  const switchFormat = (next: TextFormat) => {
    if (next === format) return;
    const parsed = parseConfigText(text, format);
    if (!parsed.value) {
      setFormatError(`Fix the ${format.toUpperCase()} first: the text cannot be converted while it does not parse.`);
      return;
    }
    setFormatError(undefined);
    onFormat(next, serialize(parsed.value, next));
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="radiogroup" aria-label="Format" className="inline-flex rounded-md border border-line p-0.5">
          {(['json', 'yaml'] as const).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={format === f} onClick={() => switchFormat(f)} className={cn('rounded px-3 py-1 text-xs font-medium', format === f ? 'bg-accent text-accent-fg' : 'text-muted hover:text-fg')}>
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        <p className="text-xs text-muted">{readOnly ? 'Read-only.' : 'Edits apply to the pipeline as soon as the text parses; Save when done.'}</p>
      </div>
      {formatError && <Alert tone="danger">{formatError}</Alert>}
      <LineNumberedTextarea ref={area} aria-label={`Pipeline as ${format.toUpperCase()}`} value={text} readOnly={readOnly} className="h-[34rem]" onChange={(e) => onChange(e.target.value)} />
      <section aria-label="Problems" className="rounded-md border border-line bg-surface">
        {problem ? (
          <div role="alert" className="flex items-start gap-2 p-3 text-sm text-danger">
            <CircleAlert size={16} className="mt-0.5 shrink-0" aria-hidden="true" />
            <span className="flex-1">
              {format.toUpperCase()} syntax error at line {problem.line}, column {problem.column}: {problem.message}
            </span>
            <button type="button" className="shrink-0 text-xs font-medium underline" onClick={() => select(problem.start, problem.end)}>
              Go to line {problem.line}
            </button>
          </div>
        ) : issues.length === 0 ? (
          <p className="p-3 text-sm text-success">No problems found.</p>
        ) : (
          <ul className="max-h-48 divide-y divide-line overflow-y-auto">
            {issues.map((issue, i) => (
              <li key={i}>
                <button type="button" onClick={() => reveal(issue.path)} className={cn('flex w-full items-start gap-2 px-3 py-1.5 text-left text-sm hover:bg-surface-2', issue.severity === 'error' ? 'text-danger' : 'text-warning')}>
                  {issue.severity === 'error' ? <CircleAlert size={14} className="mt-0.5 shrink-0" aria-hidden="true" /> : <TriangleAlert size={14} className="mt-0.5 shrink-0" aria-hidden="true" />}
                  <span>
                    <span className="sr-only">{issue.severity}: </span>
                    <code className="font-mono text-xs">{issue.path || '(pipeline)'}</code> {issue.message}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
