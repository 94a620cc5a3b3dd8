import { scopeReport, type Report } from '../issues';
import { isExpression } from '../schema/expression';
import { isKnownTrigger, pipelineTriggerStatuses, type TriggerConfig } from '../schema/triggers';
import { cronProblems } from './cron';
import { regexIssue } from './regex';
import { isFilled, requireText } from './required';
import { SECRET_MASK } from '../secrets';

const GIT_SOURCES = new Set(['github', 'gitlab', 'bitbucket', 'stash']);
const STATUSES = new Set<string>(pipelineTriggerStatuses);

function checkRegex(report: Report, path: PropertyKey[], pattern: string | undefined): void {
  // A masked secret constraint (as the editor holds it) stands for the stored pattern, checked when saved.
  if (!isFilled(pattern) || pattern === SECRET_MASK) return;
  const problem = regexIssue(pattern);
  if (problem) report(path, problem.message, problem.severity);
}

/**
 * Spinnaker accepts unsigned pushes, so imported git triggers often have no secret: they still save
 * (a warning), and Foresail refuses their unsigned deliveries unless allowUnsigned says otherwise.
 */
function checkGitSecret(secret: string | undefined, allowUnsigned: boolean | undefined, at: Report): void {
  if (isFilled(secret)) return;
  if (allowUnsigned === true) {
    at(['allowUnsigned'], 'accepts unsigned pushes: anyone who can reach Foresail can start this pipeline by posting a push for this repository; set a webhook secret instead', 'warning');
  } else {
    at(['secret'], 'has no secret, so Foresail refuses unsigned GitHub deliveries to this trigger: set the same secret here and on the GitHub webhook (or allowUnsigned: true to accept unsigned pushes, as Spinnaker does)', 'warning');
  }
}

function checkTrigger(trigger: TriggerConfig, at: Report): void {
  if (!isKnownTrigger(trigger)) {
    at(['type'], `"${trigger.type}" triggers are kept but Foresail does not fire them`, 'warning');
    return;
  }
  switch (trigger.type) {
    case 'cron':
      if (requireText(at, ['cronExpression'], trigger.cronExpression, 'needs a cron expression')) {
        for (const problem of cronProblems(trigger.cronExpression)) at(['cronExpression'], problem);
      }
      return;
    case 'git':
      if (requireText(at, ['source'], trigger.source, 'needs the git host (github, gitlab, bitbucket or stash)') && !GIT_SOURCES.has(trigger.source?.toLowerCase() ?? '')) {
        at(['source'], `"${trigger.source}" is not a git host Foresail receives events from`, 'warning');
      }
      requireText(at, ['project'], trigger.project, 'needs the project (organisation or owner)');
      requireText(at, ['slug'], trigger.slug, 'needs the repository (slug)');
      checkRegex(at, ['branch'], trigger.branch);
      checkGitSecret(trigger.secret, trigger.allowUnsigned, at);
      return;
    case 'docker':
      requireText(at, ['repository'], trigger.repository, 'needs the image repository to watch');
      checkRegex(at, ['tag'], trigger.tag);
      return;
    case 'pipeline': {
      requireText(at, ['application'], trigger.application, 'needs the application of the upstream pipeline');
      requireText(at, ['pipeline'], trigger.pipeline, 'needs the id of the upstream pipeline');
      const statuses = trigger.status ?? [];
      if (statuses.length === 0) at(['status'], 'lists no upstream statuses (successful, failed, canceled), so it never fires', 'warning');
      statuses.forEach((status, i) => {
        if (!STATUSES.has(status)) at(['status', i], `"${status}" is not one of successful, failed, canceled`);
      });
      return;
    }
    case 'webhook':
      requireText(at, ['source'], trigger.source, 'needs a source: the last part of /webhooks/webhook/{source}');
      for (const [key, pattern] of Object.entries(trigger.payloadConstraints ?? {})) checkRegex(at, ['payloadConstraints', key], pattern);
      return;
    case 'manual':
      return;
  }
}

/** Trigger fields by type, and expected-artifact ids that exist at pipeline level. */
export function checkTriggers(triggers: readonly TriggerConfig[], artifactIds: ReadonlySet<string>, report: Report): void {
  triggers.forEach((trigger, i) => {
    const at = scopeReport(report, ['triggers', i]);
    checkTrigger(trigger, at);
    trigger.expectedArtifactIds?.forEach((id, j) => {
      if (!artifactIds.has(id) && !isExpression(id)) at(['expectedArtifactIds', j], `refers to expected artifact "${id}", which the pipeline does not define`);
    });
  });
}
