import { z } from 'zod';
import { profileNames } from '../profiles';

/** POST /api/v1/demo/push's body: which profile the pushed commit has. Isomorphic (the API docs list it). */
export const demoPushRequestSchema = z.strictObject({
  profile: z.enum(profileNames, { error: `profile must be one of ${profileNames.join(', ')}` }),
});
export type DemoPushRequest = z.infer<typeof demoPushRequestSchema>;
