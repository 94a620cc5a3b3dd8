import type { DemoExtra } from '../world/demo-world';

/**
 * What the demo world starts once its cluster and Prometheus are ready, in this order, each shown as
 * a part of the world in the Demo world panel (lib/runtime/demo-world-main.ts runs them).
 */
export const demoExtras: DemoExtra[] = [];
