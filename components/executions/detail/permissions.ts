/** What the signed-in user may do on this execution, decided by the server page (which the API re-checks). */
export interface ExecutionPermissions {
  /** EXECUTE on the application: cancel, pause, resume, re-run, restart, skip, delete. */
  canExecute: boolean;
  /** Manual judgment stages this user may judge (EXECUTE plus one of the stage's roles). */
  judgeableStageIds: readonly string[];
}

