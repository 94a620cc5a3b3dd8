import { isIP } from 'node:net';
import { z } from 'zod';
import { artifactsConfigSchema } from './artifacts-schema';
import { authConfigSchema } from './auth-schema';
import { dnsServerSchema, egressAllowListSchema } from './egress-schema';
import { kubernetesConfigSchema } from './kubernetes-schema';
import { prometheusConfigSchema } from './prometheus-schema';

/**
 * Foresail's configuration: one zod schema per section, composed below. A later feature adds its
 * section here (and its environment variables in env-keys.ts); unknown keys are rejected everywhere
 * so a typo in foresail.yaml is an error naming the key, not a silently ignored setting.
 */

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be a PostgreSQL URL such as postgresql://user:password@host:5432/foresail' },
);

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be an http:// or https:// URL' },
);

/** An IP address or CIDR range: 10.0.0.0/8, 192.0.2.7, fd00::/8. */
const ipRange = z
  .string()
  .trim()
  .refine((value) => {
    const [address = '', prefix, extra] = value.split('/');
    const version = isIP(address);
    if (version === 0 || extra !== undefined) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
  }, 'must be an IP address or a CIDR range such as 10.0.0.0/8');

export const serverConfigSchema = z.strictObject({
  port: z.number().int().min(1).max(65_535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** The address people use to reach Foresail (links, OAuth callbacks). Default: the listening address (base-url.ts). */
  baseUrl: httpUrl.optional(),
  /** Largest JSON request body accepted by the API. */
  maxBodyBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (CIDRs or addresses). Default none: the
   * client address recorded in the audit log is the connection's peer.
   */
  trustedProxies: z.array(ipRange).default([]),
});

export const databaseConfigSchema = z.strictObject({
  /** External PostgreSQL. When absent Foresail runs an embedded PostgreSQL under `<dataDir>/postgres`. */
  url: postgresUrl.optional(),
  poolSize: z.number().int().min(1).max(200).default(10),
});

export const logConfigSchema = z.strictObject({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines on a terminal, JSON lines on pipes and files (lib/log.ts). */
  format: z.enum(['json', 'pretty']).optional(),
});

export const workerConfigSchema = z.strictObject({
  /** Worker processes `foresail start` runs beside the web server (0 = web only). */
  processes: z.number().int().min(0).max(16).default(1),
  /** Jobs each worker process runs at once. */
  concurrency: z.number().int().min(1).max(100).default(8),
  heartbeatSeconds: z.number().int().min(1).max(60).default(5),
  /** A running execution without pending work that has not moved for this long is re-driven. */
  stalledAfterSeconds: z.number().int().min(5).max(86_400).default(60),
  /** …and failed with a reason after this long without progress. */
  giveUpAfterSeconds: z.number().int().min(30).max(7 * 86_400).default(1800),
});

export const bakeConfigSchema = z.strictObject({
  /** The Helm 3 binary bakeManifest runs (`helm template`): a path, or a name looked up on PATH. */
  helmBinary: z.string().min(1).default('helm'),
  /** The kustomize binary bakeManifest runs for the KUSTOMIZE renderers (`kustomize build`). */
  kustomizeBinary: z.string().min(1).default('kustomize'),
  /** The git binary that clones git/repo artifacts. */
  gitBinary: z.string().min(1).default('git'),
});

const loopbackHost = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

export const egressConfigSchema = z.strictObject({
  /**
   * Addresses user-chosen URLs (webhook stages, their status and cancel URLs, notifications) may reach
   * although they are loopback, link-local or private: CIDRs ("10.20.0.0/16") or exact host names.
   * Metrics accounts have their own list (prometheus.egress.allow). Default: none.
   */
  allow: egressAllowListSchema,
  /** DNS servers ("10.0.0.2", "127.0.0.1:5353") for every egress call instead of the system resolver. */
  dnsServers: z.array(dnsServerSchema).default([]),
});

export const configSchema = z
  .strictObject({
  /** Folder for Foresail's local state (embedded database, caches). Relative paths are from the working directory. */
  dataDir: z.string().min(1).default('.foresail'),
  server: serverConfigSchema.prefault({}),
  database: databaseConfigSchema.prefault({}),
  log: logConfigSchema.prefault({}),
  worker: workerConfigSchema.prefault({}),
  auth: authConfigSchema.prefault({}),
  kubernetes: kubernetesConfigSchema.prefault({}),
  egress: egressConfigSchema.prefault({}),
  prometheus: prometheusConfigSchema.prefault({}),
  bake: bakeConfigSchema.prefault({}),
  artifacts: artifactsConfigSchema.prefault({}),
})
  .superRefine((config, ctx) => {
    if (config.auth.demo && !loopbackHost.test(config.server.host)) {
      ctx.addIssue({ code: 'custom', path: ['auth', 'demo'], message: `demo mode lets anyone sign in as any demo person without a password, so it only runs on a loopback address (server.host is ${config.server.host})` });
    }
  });

export type ForesailConfig = z.infer<typeof configSchema>;
export type ForesailConfigInput = z.input<typeof configSchema>;
