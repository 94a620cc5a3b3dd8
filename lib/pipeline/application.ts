import { z } from 'zod';

/**
 * Applications own pipelines (Spinnaker's model). Isomorphic: the create/edit forms and the API
 * validate with these same schemas.
 */

export const applicationNameSchema = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z][a-z0-9-]*$/, 'must start with a lowercase letter and use only lowercase letters, digits and dashes')
  .refine((name) => !name.endsWith('-') && !name.includes('--'), 'must not end with a dash or contain two dashes in a row')
  .meta({ description: 'the application name: 2–40 lowercase letters, digits and single dashes, starting with a letter', examples: ['checkout'] });

export const roleNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'role names use letters, digits, dots, dashes, underscores and @')
  .meta({ description: 'a role (directory group) name', examples: ['release-managers'] });

/** Fiat's per-application permissions: which roles may READ, WRITE (edit) and EXECUTE (run). */
export const applicationPermissionsSchema = z
  .strictObject({
    READ: z.array(roleNameSchema).max(100).default([]),
    WRITE: z.array(roleNameSchema).max(100).default([]),
    EXECUTE: z.array(roleNameSchema).max(100).default([]),
  })
  .meta({ description: 'the roles that may READ, WRITE and EXECUTE', examples: [{ READ: ['developers'], WRITE: ['developers'], EXECUTE: ['release-managers'] }] });

const ownerEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address like team@example.com'))
  .meta({ description: 'the owning team’s email address', examples: ['team@example.com'] });
const description = z.string().trim().max(2000, 'must be at most 2000 characters');

export const createApplicationSchema = z.strictObject({
  name: applicationNameSchema,
  description: description.default(''),
  ownerEmail,
  /** Omitted: given to the creator's creating roles. Present (even all empty): taken as written. */
  permissions: applicationPermissionsSchema.optional(),
});

export const updateApplicationSchema = z
  .strictObject({
    description: description.optional(),
    ownerEmail: ownerEmail.optional(),
    permissions: applicationPermissionsSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'the request body changes nothing: send description, ownerEmail or permissions' });

export const applicationDtoSchema = z.object({
  name: z.string(),
  description: z.string(),
  ownerEmail: z.string(),
  permissions: applicationPermissionsSchema,
  /** Other Spinnaker attributes (cloudProviders, instancePort, …) kept for Gate clients. */
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ApplicationPermissions = z.infer<typeof applicationPermissionsSchema>;
export type CreateApplicationInput = z.input<typeof createApplicationSchema>;
export type CreateApplication = z.infer<typeof createApplicationSchema>;
export type UpdateApplication = z.infer<typeof updateApplicationSchema>;
export type ApplicationDto = z.infer<typeof applicationDtoSchema>;
