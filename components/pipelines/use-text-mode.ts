'use client';

import { useCallback, useState } from 'react';
import { stableJson, type JsonObject } from './json-path';
import type { TextFormat } from './text-document';

// The YAML library is only needed in text mode: load it then, not with the editor.
const textDocument = () => import('./text-document');

export interface TextModeState {
  text: string;
  format: TextFormat;
  /** False while the text has a syntax error (saving and leaving text mode wait for a fix). */
  parses: boolean;
}

/**
 * JSON/YAML mode over the same document: text that parses is applied at once (so Save and the
 * issue list see it); leaving the mode is refused, with the reason, while the text does not parse
 * or does not have a pipeline's shape.
 */
export function useTextMode(doc: JsonObject, edit: (change: (doc: JsonObject) => JsonObject) => void) {
  const [state, setState] = useState<TextModeState>();
  const [lastFormat, setLastFormat] = useState<TextFormat>('json');

  const apply = useCallback((value: JsonObject) => edit((d) => (stableJson(d) === stableJson(value) ? d : value)), [edit]);

  return {
    state,
    async enter(format: TextFormat = lastFormat) {
      const { serialize } = await textDocument();
      setState({ text: serialize(doc, format), format, parses: true });
    },
    /** Undefined when left; otherwise why not. */
    async leave(): Promise<string | undefined> {
      if (!state) return undefined;
      const { parseConfigText } = await textDocument();
      const parsed = parseConfigText(state.text, state.format);
      if (!parsed.value) return `Fix the ${state.format.toUpperCase()} first — line ${parsed.problem?.line ?? 1}, column ${parsed.problem?.column ?? 1}: ${parsed.problem?.message ?? 'does not parse'}`;
      const { parsePipeline } = await import('@/lib/pipeline/parse');
      const shape = parsePipeline(parsed.value);
      if (!shape.pipeline) {
        const first = shape.issues[0];
        return `The text is not shaped like a pipeline yet${first ? ` — ${first.path || 'pipeline'}: ${first.message}` : ''}`;
      }
      apply(parsed.value);
      setLastFormat(state.format);
      setState(undefined);
      return undefined;
    },
    /** The config the text describes now (applied to the document too), or undefined if it does not parse. */
    async current(): Promise<JsonObject | undefined> {
      if (!state) return doc;
      const { parseConfigText } = await textDocument();
      const parsed = parseConfigText(state.text, state.format);
      if (parsed.value) apply(parsed.value);
      return parsed.value;
    },
    onChange(text: string) {
      setState((s) => s && { ...s, text });
    },
    onParsed(value: JsonObject | undefined) {
      setState((s) => s && { ...s, parses: value !== undefined });
      if (value) apply(value);
    },
    onFormat(format: TextFormat, text: string) {
      setState({ text, format, parses: true });
    },
    /** After the server's version replaced the document (save, reload): show it. */
    resync(next: JsonObject) {
      if (!state) return;
      void textDocument().then(({ serialize }) => setState((s) => s && { ...s, text: serialize(next, s.format), parses: true }));
    },
  };
}
