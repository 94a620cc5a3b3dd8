import path from 'node:path';
import { testWorldRoot } from '../paths.ts';

/** Source folders shipped with the repo. */
export const clusterSourceDir = import.meta.dirname;
export const goModulesDir = path.join(clusterSourceDir, 'go');
export const crdDir = path.join(clusterSourceDir, 'crds');
export const kwokStageDir = path.join(clusterSourceDir, 'kwok');

const clusterNamePattern = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * State, logs and pids of one local cluster: `<root>/clusters/NAME/`, where root is the world's
 * folder (the test world's `<repo>/.foresail` unless given).
 */
export function clusterDir(name: string, root: string = testWorldRoot): string {
  if (!clusterNamePattern.test(name)) {
    throw new Error(`Invalid cluster name "${name}": use lowercase letters, digits and dashes (max 40)`);
  }
  return path.join(root, 'clusters', name);
}
