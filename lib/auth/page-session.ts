import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { SessionUser } from './principal';
import { getPrincipal } from './session';

/** The signed-in user for this page render (one lookup per request), or null. */
export const getPageUser = cache(async (): Promise<SessionUser | null> => getPrincipal(await headers()));

/** For pages: the user, or a redirect to the sign-in page. proxy.ts redirects earlier; this is the check. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getPageUser();
  if (!user) redirect('/login');
  return user;
}
