/**
 * Prisma error checks by code, not `instanceof`: the Prisma client is shared per process on
 * globalThis while Next bundles each route with its own copy of the generated classes.
 */
export function prismaErrorCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || err.name !== 'PrismaClientKnownRequestError') return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint was violated (P2002). */
export const isUniqueViolation = (err: unknown): boolean => prismaErrorCode(err) === 'P2002';
