/**
 * How the supervisor tells every process where the demo world is (lib/config/demo-world.ts reads
 * and validates it). Apart from that module so that the supervisor, which only writes it, does not
 * load zod: that alone is ~18 MiB of its resident memory.
 */
export const demoWorldEnvKey = 'FORESAIL_DEMO_WORLD';

export interface DemoWorldEnv {
  kubeconfigFile: string;
  context: string;
  prometheusUrl: string;
}
