import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { buildAuthOptions } from '@/lib/auth/next-auth-options';
import { clientAddress } from '@/lib/request-meta';

// next-auth's own endpoints (sign-in, callback, sign-out, csrf, session). They carry next-auth's
// CSRF token; every other route checks identity through lib/auth/session.
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(req, context, buildAuthOptions({ sourceIp: clientAddress(req.headers) })) as Promise<Response>;
}

export { handler as GET, handler as POST };
