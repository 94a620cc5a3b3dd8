/** Who or what started an execution, in a few words, from Spinnaker's trigger JSON. */
export interface TriggerSummary {
  kind: 'manual' | 'git' | 'docker' | 'pipeline' | 'cron' | 'other';
  /** Short text for the row ("alice", "3f9a1c2 on main", "shop/web:1.4.2", "after Build"). */
  text: string;
  /** The upstream execution's page, for pipeline triggers. */
  href?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export function summarizeTrigger(trigger: Record<string, unknown>): TriggerSummary {
  const type = str(trigger.type) ?? 'manual';
  const user = str(trigger.user);
  switch (type) {
    case 'manual':
      return { kind: 'manual', text: user ?? 'someone' };
    case 'git': {
      const hash = str(trigger.hash)?.slice(0, 7);
      const branch = str(trigger.branch);
      return { kind: 'git', text: [hash ?? 'commit', branch && `on ${branch}`].filter(Boolean).join(' ') };
    }
    case 'docker': {
      const repository = str(trigger.repository) ?? 'image';
      return { kind: 'docker', text: `${repository}:${str(trigger.tag) ?? 'latest'}` };
    }
    case 'pipeline': {
      const parent = record(trigger.parentExecution);
      const application = str(trigger.parentPipelineApplication) ?? str(parent.application);
      const parentId = str(parent.id);
      const name = str(trigger.parentPipelineName) ?? str(parent.name) ?? 'another pipeline';
      return { kind: 'pipeline', text: `after ${name}`, href: application && parentId ? `/applications/${encodeURIComponent(application)}/executions/${encodeURIComponent(parentId)}` : undefined };
    }
    case 'cron':
      return { kind: 'cron', text: `schedule ${str(trigger.cronExpression) ?? ''}`.trim() };
    default:
      return { kind: 'other', text: user ? `${type} · ${user}` : type };
  }
}
