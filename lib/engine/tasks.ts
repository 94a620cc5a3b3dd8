import 'server-only';
import type { TaskList } from 'graphile-worker';

/**
 * The engine's graphile-worker tasks, by name. Each task is a handler that locks its execution,
 * applies a pure transition and commits state with follow-up jobs in one transaction (ARCHITECTURE.md
 * "Engine"). The execution engine fills this list; the worker runs whatever it holds.
 */
export const engineTasks: TaskList = {};
