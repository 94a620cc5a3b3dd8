import type { ApplicationDto } from '../pipeline/application';
import type { Resource } from './permissions';

export const applicationResource = (app: Pick<ApplicationDto, 'name' | 'permissions'>): Resource => ({ kind: 'application', name: app.name, permissions: app.permissions });
export const systemResource: Resource = { kind: 'system' };
