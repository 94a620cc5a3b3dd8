import { isIP } from 'node:net';
import { z } from 'zod';
import { checkEgressAllowEntry } from '../egress/policy';

/** An egress allow-list (`egress.allow`, `prometheus.egress.allow`): each entry checked, so a typo is an error at start-up, not a silent no-match. */
export const egressAllowListSchema = z
  .array(
    z.string().superRefine((entry, ctx) => {
      const problem = checkEgressAllowEntry(entry);
      if (problem) ctx.addIssue({ code: 'custom', message: problem === 'is empty' ? 'must not be empty' : problem });
    }),
  )
  .default([]);

/** `10.0.0.2`, `10.0.0.2:5353`, `[fd00::53]:53` or `fd00::53`. */
export const dnsServerSchema = z.string().refine((value) => {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const plain = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : isIP(value) === 6 ? [value, undefined] : [plain?.[1], plain?.[2]];
  return isIP(host ?? '') !== 0 && (port === undefined || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535));
}, 'must be an IP address with an optional port, such as 10.0.0.2 or 127.0.0.1:5353');
