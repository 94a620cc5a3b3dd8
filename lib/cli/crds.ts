import { writeFile } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../config';
import { gitopsYaml, SHIPPED_CRDS_PATH } from '../gitops/crds';
import { installGitopsResources } from '../gitops/install';
import { clusterClientFor } from '../kubernetes/client';
import { isKubernetesFailure } from '../kubernetes/errors';

const usage = `Usage: npm run foresail -- crds [--write [FILE] | --install ACCOUNT]
  (no option)        print the Pipeline and CanaryConfig CRDs and the graph policy as YAML
  --write [FILE]     write them to FILE (default ${SHIPPED_CRDS_PATH})
  --install ACCOUNT  apply them to the cluster of the configured Kubernetes account ACCOUNT
`;

/** `foresail crds`: prints, writes or installs the GitOps resources (README "GitOps"). */
export async function runCrds(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const [option, value, ...extra] = args;
  if (extra.length > 0) {
    err.write(usage);
    return 2;
  }
  if (option === undefined) {
    out.write(gitopsYaml());
    return 0;
  }
  if (option === '--write') {
    const file = value ?? SHIPPED_CRDS_PATH;
    await writeFile(file, gitopsYaml());
    out.write(`Wrote ${file}\n`);
    return 0;
  }
  if (option === '--install' && value) return install(value, out, err);
  err.write(usage);
  return 2;
}

async function install(accountName: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let accounts;
  try {
    accounts = loadConfig({ env: process.env }).kubernetes.accounts;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return 2;
  }
  const account = accounts.find((a) => a.name === accountName);
  if (!account) {
    err.write(`No Kubernetes account named ${accountName} in the configuration (configured: ${accounts.map((a) => a.name).join(', ') || 'none'}).\n`);
    return 2;
  }
  try {
    const report = await installGitopsResources(clusterClientFor(account));
    out.write(`Installed on account ${accountName}:\n${report.applied.map((a) => `  ${a}\n`).join('')}`);
    return 0;
  } catch (e) {
    if (!isKubernetesFailure(e)) throw e;
    err.write(`${e.message}\n`);
    return 1;
  }
}
