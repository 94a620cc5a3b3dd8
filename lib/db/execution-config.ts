import 'server-only';
import { maskPipelineSecrets } from '../pipeline/secrets';
import { getPool } from './pool';

/** The pipeline config snapshot an execution started with ("Source config"), secrets masked; `{}` for executions that stored none. */
export async function findExecutionConfig(id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await getPool().query<{ config: unknown }>('SELECT config FROM executions WHERE id = $1', [id]);
  const config = rows[0]?.config;
  return typeof config === 'object' && config !== null && !Array.isArray(config) ? maskPipelineSecrets(config as Record<string, unknown>) : undefined;
}
