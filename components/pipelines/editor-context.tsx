'use client';

import { createContext, useContext } from 'react';
import { emptyIssues, joinPath, type IssueIndex, type PathSegment } from './issue-paths';
import { getIn, type JsonObject } from './json-path';
import type { ValidationIssue } from '@/lib/pipeline/issues';

export interface EditorApi {
  doc: JsonObject;
  issues: IssueIndex;
  /** Locked, or the user lacks WRITE: everything shows, nothing changes. */
  readOnly: boolean;
  /** Triggers run the pipeline: adding, changing or enabling one also needs EXECUTE (the server refuses it otherwise). */
  canChangeTriggers: boolean;
  edit(change: (doc: JsonObject) => JsonObject): void;
  setAt(path: readonly PathSegment[], value: unknown): void;
}

const EditorContext = createContext<EditorApi>({ doc: {}, issues: emptyIssues, readOnly: true, canChangeTriggers: false, edit: () => undefined, setAt: () => undefined });

export const EditorProvider = EditorContext.Provider;

export function useEditor(): EditorApi {
  return useContext(EditorContext);
}

export interface BoundField {
  value: unknown;
  issues: ValidationIssue[];
  /** The formatted path (`stages[2].waitTime`), also the field's `data-path` for jump-to. */
  pathKey: string;
  readOnly: boolean;
  set(value: unknown): void;
}

/** A field bound to one place in the document: its value, its issues, and a setter. */
export function useField(path: readonly PathSegment[]): BoundField {
  const { doc, issues, readOnly, setAt } = useEditor();
  const pathKey = joinPath(path);
  return { value: getIn(doc, path), issues: issues.at(pathKey), pathKey, readOnly, set: (value) => setAt(path, value) };
}
