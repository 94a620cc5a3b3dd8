import { ConfigError, loadConfig } from '../config';
import { findApplication } from '../db/applications';
import { listCanaryConfigs } from '../db/canary-configs';
import { disconnectDb } from '../db/client';
import { listPipelines } from '../db/pipelines';
import { canaryConfigAsResource, pipelineAsResource, resourceNameOf, resourcesYaml } from '../pipeline/as-resource';
import { kayentaConfigOf } from '../db/canary-configs';
import { viewOf } from '../services/pipelines';

const usage = 'Usage: npm run foresail -- export --as-crd APPLICATION [--namespace NAMESPACE]\n';

/**
 * `foresail export --as-crd APP`: the application's pipelines and canary configs as Pipeline and
 * CanaryConfig resources (YAML on stdout), for teams moving them into git (README "GitOps"). Secrets
 * are masked as every view masks them: put them back (or move them to a Secret) before applying.
 */
export async function runExportCrd(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const rest = [...args];
  const flag = rest.indexOf('--as-crd');
  const nsAt = rest.indexOf('--namespace');
  const application = flag >= 0 ? rest[flag + 1] : undefined;
  const namespace = nsAt >= 0 ? rest[nsAt + 1] : undefined;
  if (!application || application.startsWith('--') || (nsAt >= 0 && !namespace)) {
    err.write(usage);
    return 2;
  }
  try {
    if (!loadConfig({ env: process.env }).database.url) {
      err.write('DATABASE_URL is not set: export reads the pipelines from Foresail\'s database.\n');
      return 2;
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return 2;
  }
  try {
    if (!(await findApplication(application))) {
      err.write(`Application ${application} not found.\n`);
      return 1;
    }
    const pipelines = await listPipelines(application);
    const configs = await listCanaryConfigs([application]);
    const used = new Set<string>();
    // Two display names can make one resource name ("Deploy" and "deploy"): number the later ones.
    const unique = (name: string) => {
      let candidate = name;
      for (let i = 2; used.has(candidate); i++) candidate = `${name.slice(0, 60)}-${i}`;
      used.add(candidate);
      return candidate;
    };
    const resources = [
      ...configs.map((record) => canaryConfigAsResource(kayentaConfigOf(record), application, { namespace, name: unique(resourceNameOf(record.name, 'canary-config')) })),
      ...pipelines.map((record) => pipelineAsResource(viewOf(record).pipeline, { namespace, name: unique(resourceNameOf(record.name)) })),
    ];
    out.write(`# ${pipelines.length} pipeline(s) and ${configs.length} canary config(s) of ${application}, exported by Foresail. Secrets are masked.\n`);
    out.write(resourcesYaml(resources));
    return 0;
  } finally {
    await disconnectDb();
  }
}
