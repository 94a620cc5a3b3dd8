import { z } from 'zod';

/**
 * The demo world's status, part by part, as the world runner records it and the web shows it (the
 * Demo world panel and the header badge). Isomorphic: the runner, the API and the browser share it.
 * Times are milliseconds since the epoch on the machine running Foresail.
 */

const text = (max: number) => z.string().max(max);
const time = z.number().int().nonnegative();

/** The states a part goes through, each with its own fields, plus `common` fields on every variant. */
function stateSchemas<C extends z.ZodRawShape>(common: C) {
  return z.discriminatedUnion('state', [
    z.strictObject({ ...common, state: z.literal('pending') }),
    /** Debian packages being installed (as root). */
    z.strictObject({ ...common, state: z.literal('installing'), packages: z.array(text(64)).max(16), since: time }),
    /** A long build, step by step (the Kubernetes binaries); `waitingFor` while another process is building them. */
    z.strictObject({
      ...common,
      state: z.literal('building'),
      step: z.number().int().min(0),
      total: z.number().int().min(1),
      item: text(80),
      since: time,
      waitingFor: text(200).optional(),
    }),
    z.strictObject({ ...common, state: z.literal('starting'), since: time }),
    z.strictObject({ ...common, state: z.literal('ready'), since: time }),
    z.strictObject({ ...common, state: z.literal('failed'), reason: text(1_000), since: time }),
    /** A prerequisite is missing and Foresail cannot install it: what, and the one command that fixes it. */
    z.strictObject({ ...common, state: z.literal('unavailable'), missing: text(300), fix: text(300) }),
  ]);
}

export const partStateSchema = stateSchemas({});
export type PartState = z.infer<typeof partStateSchema>;

export const worldPartSchema = stateSchemas({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  label: text(80),
  /** The story needs it (the cluster, Prometheus, the simulators); LDAP is optional (static directory otherwise). */
  required: z.boolean(),
});
export type WorldPart = z.infer<typeof worldPartSchema>;

/** What the runner writes to `<dataDir>/world/status.json`. */
export const worldStatusFileSchema = z.strictObject({
  version: z.literal(1),
  /** The runner process, so a reader can tell a live status from one a stopped runner left behind. */
  runner: z.strictObject({ pid: z.number().int().positive(), startTicks: z.string().max(32) }),
  updatedAt: time,
  parts: z.array(worldPartSchema).max(16),
});
export type WorldStatusFile = z.infer<typeof worldStatusFileSchema>;

/** GET /api/v1/demo/world. */
export const worldStatusDtoSchema = z.strictObject({
  /** `stopped`: the runner is not running (Foresail restarts it); `absent`: it has not written a status yet. */
  runner: z.enum(['running', 'stopped', 'absent']),
  /** Every required part is ready: the story's buttons may light up. */
  ready: z.boolean(),
  /** The server's clock when it answered, so elapsed times do not depend on the browser's clock. */
  serverTime: time,
  parts: z.array(worldPartSchema),
});
export type WorldStatusDto = z.infer<typeof worldStatusDtoSchema>;
