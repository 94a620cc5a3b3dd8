import path from 'node:path';

/** The application whose story the demo tells; its page carries the Demo world panel. */
export const demoApplicationName = 'goldengoose';

/** The demo's Kubernetes cluster, and the kubeconfig context of Foresail's `demo` account on it. */
export const demoClusterName = 'demo';
export const demoContext = 'demo';

/**
 * Where `npm run demo` keeps its world: `<dataDir>/world` (clusters/demo, services/…), apart from the
 * test world, so `npm test` and a running demo never touch each other's servers. Free of imports that
 * locate the checkout, so the bundled supervisor and the web server can use it too.
 */
export function demoWorldPaths(dataDir: string): { root: string; statusFile: string; kubeconfig: string } {
  const root = path.join(path.resolve(dataDir), 'world');
  return { root, statusFile: path.join(root, 'status.json'), kubeconfig: path.join(root, 'kubeconfig') };
}
