import 'server-only';
import type { TaskProgress } from './types';

/** One entry of a stage's task list (what Deck shows under "Tasks"). */
export function task(name: string, status: TaskProgress['status']): TaskProgress {
  return { name, status };
}

/** The tasks of a stage whose steps run in order: those before `current` succeeded, those after have not started. */
export function taskSequence(names: readonly string[], current: number, currentStatus: TaskProgress['status']): TaskProgress[] {
  return names.map((name, i) => task(name, i < current ? 'SUCCEEDED' : i === current ? currentStatus : 'NOT_STARTED'));
}
