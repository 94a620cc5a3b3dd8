'use client';

import { useMutation } from '@tanstack/react-query';
import { GitCommitHorizontal } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { apiRequest } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { profileNames, profiles, type ProfileName } from '@/lib/demo/profiles';
import { useWorldReady } from './use-demo-world';

interface Pushed {
  sha: string;
  image: string;
  status: number;
  response: unknown;
}

const accepted = (response: unknown): number | undefined => {
  const value = typeof response === 'object' && response !== null ? (response as { accepted?: unknown }).accepted : undefined;
  return typeof value === 'number' ? value : undefined;
};

/**
 * "Push a change" (demo mode): pick how the new build of goldengoose behaves and push it. Foresail
 * receives a real signed GitHub push webhook; the build and the traffic that follow are simulated.
 * Disabled until the demo world is ready, and for people who may not run goldengoose's pipelines.
 */
export function PushChangeButton({ application, mayExecute, executeRoles }: { application: string; mayExecute: boolean; executeRoles: readonly string[] }) {
  const ready = useWorldReady();
  const [open, setOpen] = useState(false);
  const [profile, setProfile] = useState<ProfileName>('healthy');
  const push = useMutation({
    mutationFn: async (chosen: ProfileName): Promise<Pushed> =>
      (await (await apiRequest('/api/v1/demo/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: chosen }) })).json()) as Pushed,
  });
  const why = !mayExecute
    ? `Pushing starts ${application}'s pipelines, which needs one of the roles ${executeRoles.join(', ') || '(administrators only)'}.`
    : !ready
      ? 'Waits for the demo world to be ready (see the Demo world panel).'
      : undefined;
  const count = push.data ? accepted(push.data.response) : undefined;
  return (
    <div className="flex flex-col items-start gap-1">
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) push.reset();
        }}
        title="Push a change to goldengoose"
        description="Sends GitHub's signed push webhook for a new commit on main of example/goldengoose to this Foresail. The build and the traffic that follow are simulated; the pipelines, the cluster and the canary analysis are real."
        trigger={
          <Button variant="primary" disabled={why !== undefined} title={why}>
            <GitCommitHorizontal size={16} aria-hidden="true" />
            Push a change
          </Button>
        }
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            push.mutate(profile);
          }}
        >
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">How the new build behaves</legend>
            {profileNames.map((name) => (
              <div key={name} className="flex items-start gap-2 rounded-md border border-line p-2 text-sm has-[:checked]:border-accent">
                <input id={`push-profile-${name}`} type="radio" name="profile" value={name} checked={profile === name} onChange={() => setProfile(name)} aria-describedby={`push-profile-${name}-about`} className="mt-1" />
                <div>
                  <label htmlFor={`push-profile-${name}`} className="cursor-pointer font-medium">
                    {profiles[name].title}
                  </label>
                  <p id={`push-profile-${name}-about`} className="text-muted">
                    {profiles[name].description}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          {push.isError && (
            <div className="mt-3">
              <Alert tone="danger">{push.error.message}</Alert>
            </div>
          )}
          {push.data && (
            <div className="mt-3">
              <Alert tone={count ? 'success' : 'warning'}>
                Pushed commit <code>{push.data.sha.slice(0, 7)}</code> ({push.data.image}).{' '}
                {count ? (
                  <>
                    Foresail accepted it: the Build pipeline started. <Link href={`/applications/${encodeURIComponent(application)}/executions`}>Watch the executions</Link>.
                  </>
                ) : (
                  `Foresail answered ${push.data.status} but started no pipeline; the trigger attempts log says why.`
                )}
              </Alert>
            </div>
          )}
          <div className="mt-4 flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Close</Button>
            <Button type="submit" variant="primary" disabled={push.isPending}>
              {push.isPending ? 'Pushing…' : `Push (${profiles[profile].title.toLowerCase()})`}
            </Button>
          </div>
        </form>
      </Dialog>
      {why && <p className="text-xs text-muted">{why}</p>}
    </div>
  );
}
