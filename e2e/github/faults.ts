// Injected failures for "GitHub is down" tests: the next N requests to one endpoint answer 5xx, or
// never answer at all (the client's own timeout is then what a test exercises).
import { z } from 'zod';

export const faultTargets = ['authorize', 'token', 'user', 'emails', 'orgs', 'teams'] as const;

export const faultSchema = z.object({
  /** authorize = GET/POST /login/oauth/authorize, token = POST /login/oauth/access_token, user/emails/orgs/teams = GET /user[/…]. */
  target: z.enum(faultTargets),
  /** error answers `status`; hang keeps the connection open until the client gives up or the stand-in stops. */
  mode: z.enum(['error', 'hang']).default('error'),
  status: z.number().int().min(500).max(599).default(503),
  /** How many matching requests fail before the endpoint works again. */
  times: z.number().int().positive().default(1),
});

export type FaultTarget = (typeof faultTargets)[number];
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.infer<typeof faultSchema>;

export class Faults {
  private pending: Fault[] = [];

  add(input: FaultInput): Fault {
    const fault = faultSchema.parse(input);
    this.pending.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault armed for `target`, if any. */
  take(target: FaultTarget): Fault | undefined {
    const index = this.pending.findIndex((f) => f.target === target);
    const fault = this.pending[index];
    if (!fault) return undefined;
    if (fault.times <= 1) this.pending.splice(index, 1);
    else this.pending[index] = { ...fault, times: fault.times - 1 };
    return fault;
  }

  clear(): void {
    this.pending = [];
  }
}
