/** A large, realistic pipeline: fan-outs and joins, SpEL in fields, several stage types. */
export function bigPipeline(stages: number, application: string): Record<string, unknown> {
  const list: Record<string, unknown>[] = [];
  for (let i = 0; i < stages; i++) {
    // Each stage depends on the previous one, every 10th on the two before (a join).
    const requisites = i === 0 ? [] : i % 10 === 0 && i > 1 ? [String(i - 1), String(i - 2)] : [String(i - 1)];
    const kind = i % 4;
    const common = { refId: String(i), requisiteStageRefIds: requisites, name: `Stage ${i}` };
    if (kind === 0) list.push({ ...common, type: 'wait', waitTime: '${#toInt(parameters.wait)}' });
    else if (kind === 1) list.push({ ...common, type: 'evaluateVariables', variables: [{ key: `v${i}`, value: '${trigger.tag ?: "latest"}' }] });
    else if (kind === 2) list.push({ ...common, type: 'checkPreconditions', preconditions: [{ type: 'expression', context: { expression: "${#stage('Stage 0')['status'] == 'SUCCEEDED'}" }, failPipeline: true }] });
    else list.push({ ...common, type: 'manualJudgment', instructions: 'Check the dashboards', judgmentInputs: [{ value: 'go' }, { value: 'stop' }], selectedStageRoles: ['release-managers'] });
  }
  return {
    application,
    name: `Big ${stages}`,
    stages: list,
    triggers: [{ type: 'docker', enabled: true, account: 'hub', organization: 'acme', repository: 'acme/web', tag: '^v.*' }],
    parameterConfig: [{ name: 'wait', default: '1', required: true }],
    limitConcurrent: true,
  };
}
