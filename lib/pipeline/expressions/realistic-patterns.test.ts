import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateObject, evaluateTemplate } from './index';
import { testContext } from './test-context';

/** The patterns reference §4 counted in 46 real pipelines, most frequent first. */
const ctx = testContext();

describe('the expressions real pipelines use', () => {
  it.each<[string, unknown]>([
    ["${#stage('Deploy')['status'].toString() == 'SUCCEEDED'}", true],
    ["${#stage('Canary')['status'].toString() == 'SUCCEEDED'}", false],
    ["${trigger['tag']}", '1.4.2'],
    ['${trigger.user}', 'alice'],
    ["${trigger['payload']['ref']}", 'refs/heads/main'],
    ['${parameters.env}', 'staging'],
    ["${parameters['replicas']}", '4'],
    ['${#toInt(parameters.replicas) * 2}', 8],
    ['${#toInt(parameters.replicas) > 2}', true],
    ["${#stage('Get Info').outputs.artifacts.?[type == 'docker/image'][0].reference}", 'registry.example.com/app:1.4.2'],
    ["${#stage('Get Info').outputs.artifacts.^[type == 'docker/image'].reference}", 'registry.example.com/app:1.4.2'],
    ["${#stage('Deploy').context.replicas}", 3],
    ["${#stage('Deploy')['outputs']['manifests'][0]['metadata']['name']}", 'app'],
    ['${new_image}', 'registry.example.com/app:1.4.2'],
    ['${deployedServerGroups[0].serverGroup}', 'app-v002'],
    ["${#judgment('Approve')}", 'Continue'],
    ["${#judgment('Approve') == 'Continue'}", true],
    ["${#pipelineId('Deploy to prod')}", '7f1c2a9e-prod'],
    ["${parameters.namespace ?: 'default'}", 'default'],
    ["${parameters.env == 'prod' ? 5 : 1}", 1],
    ["${parameters.regions.split(',')[1]}", 'eu-west-1'],
    ['${execution.id}', '01HZEXEC'],
    ["${execution['application']}", 'checkout'],
    ['${scmInfo.sha1}', 'abc1234def5678'],
    ['${trigger.artifacts.?[type == "docker/image"].![reference]}', ['registry.example.com/app:1.4.2']],
  ])('%s gives %j', (template, expected) => {
    const result = evaluateTemplate(template, ctx);
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ["#stage('Deploy')['status'].toString() == 'SUCCEEDED'", true],
    ["${#stage('Deploy')['status'].toString() == 'SUCCEEDED'}", true],
    ["parameters.env == 'prod'", false],
    ["trigger.type == 'docker' and #toBoolean(parameters.enabled)", true],
    ['${parameters.enabled}', true],
  ])('stageEnabled %s is %s', (expression, expected) => {
    expect(evaluateCondition(expression, ctx)).toEqual({ value: expected });
  });

  it('evaluates a deploy stage context the way Orca does when the stage starts', () => {
    const context = {
      account: 'prod',
      namespace: '${parameters.env}',
      manifests: [
        {
          kind: 'Deployment',
          metadata: { name: 'app', labels: { release: '${trigger.tag}', commit: '${scmInfo.sha1.substring(0, 7)}' } },
          spec: {
            replicas: '${#toInt(parameters.replicas)}',
            template: { spec: { containers: [{ name: 'app', image: '${new_image}', env: [{ name: 'PREVIOUS', value: '${deployedServerGroups[0].serverGroup}' }] }] } },
          },
        },
      ],
      trafficManagement: { enabled: '${parameters.env == "prod"}' },
      note: 'deployed by ${#currentUser()} at ${execution.missingTime}',
    };
    const { value, summary } = evaluateObject(context, ctx, { path: 'stages[2].context' });
    expect(value).toEqual({
      account: 'prod',
      namespace: 'staging',
      manifests: [
        {
          kind: 'Deployment',
          metadata: { name: 'app', labels: { release: '1.4.2', commit: 'abc1234' } },
          spec: {
            replicas: 4,
            template: { spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.4.2', env: [{ name: 'PREVIOUS', value: 'app-v002' }] }] } },
          },
        },
      ],
      trafficManagement: { enabled: false },
      note: 'deployed by alice at ${execution.missingTime}',
    });
    expect(summary).toEqual([
      { path: 'stages[2].context.note', expression: '${execution.missingTime}', kind: 'not-found', message: "execution has no key 'missingTime'" },
    ]);
  });
});
