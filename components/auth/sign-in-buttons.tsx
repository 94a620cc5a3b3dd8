'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function SignInButtons({ methods, callbackUrl }: { methods: { github: boolean; demo: boolean }; callbackUrl: string }) {
  const [pending, setPending] = useState<string | undefined>(undefined);
  const start = (provider: string) => {
    setPending(provider);
    void signIn(provider, { callbackUrl });
  };
  return (
    <div className="flex flex-col gap-3">
      {methods.github && (
        <Button variant="primary" className="w-full" disabled={pending !== undefined} onClick={() => start('github')}>
          {pending === 'github' ? 'Redirecting to GitHub…' : 'Sign in with GitHub'}
        </Button>
      )}
      {methods.demo && (
        <Button className="w-full" disabled={pending !== undefined} onClick={() => start('demo')}>
          {pending === 'demo' ? 'Signing in…' : 'Continue as demo user'}
        </Button>
      )}
    </div>
  );
}
