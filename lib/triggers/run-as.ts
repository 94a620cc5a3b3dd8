import { can, type PermissionLists, type Principal } from '../auth/permissions';

/**
 * Who an automatic run acts as: Spinnaker/Fiat's `runAsUser`. A trigger may name a service account
 * declared in configuration (`auth.serviceAccounts`); its run then holds that account's roles, so
 * its stages may use the Kubernetes and metrics accounts those roles grant. Without one, an
 * automatic run holds no roles. Saving such a trigger needs every role of the account (Fiat's
 * "you may only delegate roles you hold") plus EXECUTE; an account that no longer exists when the
 * trigger fires refuses the start, with the reason in the trigger-attempts log.
 */

export interface ServiceAccount {
  name: string;
  roles: readonly string[];
}

export interface RunAuthentication {
  user: string | null;
  roles: string[];
}

/** An automatic run without a service account: no person, no roles. */
export const NO_ONE: RunAuthentication = { user: null, roles: [] };

/** The trigger's `runAsUser`, trimmed; undefined when it names none. */
export function runAsUserOf(trigger: unknown): string | undefined {
  if (typeof trigger !== 'object' || trigger === null) return undefined;
  const name = (trigger as { runAsUser?: unknown }).runAsUser;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

export type RunAs = { ok: true; authentication: RunAuthentication } | { ok: false; reason: string };

/** At fire time: the authentication a run started by `trigger` gets, or why it must not start. */
export function runAsAuthentication(trigger: unknown, accounts: readonly ServiceAccount[]): RunAs {
  const name = runAsUserOf(trigger);
  if (name === undefined) return { ok: true, authentication: NO_ONE };
  const account = accounts.find((a) => a.name === name);
  if (!account) {
    return { ok: false, reason: `the trigger runs as service account "${name}", which is not configured (auth.serviceAccounts); an administrator must add it back, or someone who may must change the trigger's "Run as user"` };
  }
  return { ok: true, authentication: { user: account.name, roles: [...account.roles] } };
}

export interface RunAsProblem {
  /** `triggers[2].runAsUser` */
  path: string;
  message: string;
  /** unknown: no such service account (422); forbidden: the saver may not delegate it (403). */
  kind: 'unknown' | 'forbidden';
}

/**
 * At save time: every trigger naming a service account (enabled or not, since enabling later is a
 * smaller change) must name a configured one whose every role the saver holds, and the saver needs
 * EXECUTE on the application, because the trigger runs the pipeline with those roles. Checked on
 * every save of such a pipeline, as Front50 does (hasRunAsUserPermission): whoever changes the
 * stages decides what the service account does.
 */
export function runAsProblems(
  triggers: readonly unknown[],
  saver: Principal,
  application: { name: string; permissions: PermissionLists },
  accounts: readonly ServiceAccount[],
): RunAsProblem[] {
  const problems: RunAsProblem[] = [];
  const mayExecute = can(saver, 'execute', { kind: 'application', ...application });
  triggers.forEach((trigger, i) => {
    const name = runAsUserOf(trigger);
    if (name === undefined) return;
    const path = `triggers[${i}].runAsUser`;
    const account = accounts.find((a) => a.name === name);
    if (!account) {
      problems.push({ path, kind: 'unknown', message: `"${name}" is not a service account Foresail knows; an administrator declares them in auth.serviceAccounts` });
      return;
    }
    const missing = saver.isAdmin ? [] : account.roles.filter((role) => !saver.roles.includes(role));
    if (missing.length > 0) {
      problems.push({
        path,
        kind: 'forbidden',
        message: `you (${saver.login}) may not let this trigger run as service account "${name}": that needs every role it holds (${account.roles.join(', ')}), and you lack ${missing.join(', ')}`,
      });
    } else if (!mayExecute) {
      problems.push({ path, kind: 'forbidden', message: `you (${saver.login}) may not let this trigger run as service account "${name}": a trigger runs the pipeline, which needs EXECUTE on ${application.name}` });
    }
  });
  return problems;
}
