import { getConfig } from '../env';
import type { DemoExtra } from '../world/demo-world';
import { commitsFile } from './commits';
import { goldengoose } from './goldengoose';
import { seedProduction } from './seed/cluster';
import { seedGitops } from './seed/gitops';
import { behaviourFromCommits } from './simulators/behaviour';
import { startBuildController } from './simulators/build-controller';
import { startTrafficSimulator } from './simulators/traffic/simulator';

/**
 * What the demo world starts once its cluster and Prometheus are ready, in this order, each shown as
 * a part of the world in the Demo world panel (lib/runtime/demo-world-main.ts runs them). The two
 * simulators stand in for a real build system and real users (kwok pods run no containers).
 */
export const demoExtras: DemoExtra[] = [
  {
    name: 'goldengoose in production',
    async start(world) {
      await seedProduction(world.kubeconfigPath, world.context, world.log);
      return { stop: async () => undefined };
    },
  },
  {
    name: 'Pipelines as resources (GitOps)',
    async start(world) {
      await seedGitops(world.kubeconfigPath, world.context, world.log);
      return { stop: async () => undefined };
    },
  },
  {
    name: 'Build controller (simulated)',
    async start(world) {
      return startBuildController({ kubeconfigPath: world.kubeconfigPath, context: world.context, log: world.log });
    },
  },
  {
    name: 'Traffic (simulated)',
    async start(world) {
      const simulator = await startTrafficSimulator({
        kubeconfigPath: world.kubeconfigPath,
        context: world.context,
        namespace: goldengoose.namespace,
        service: goldengoose.workload,
        behaviourOf: behaviourFromCommits(commitsFile(getConfig().dataDir)),
        log: world.log,
      });
      world.addScrapeTarget(simulator.metricsUrl);
      return simulator;
    },
  },
];
