import { describe, expect, it } from 'vitest';
import { imageDigest, nextTaskRunStatus, type TaskRunLike } from './build-status';

const run = (status?: TaskRunLike['status'], params = [{ name: 'IMAGE', value: 'goldengoose:abc1234' }, { name: 'revision', value: 'abc1234def' }]): TaskRunLike => ({
  metadata: { name: 'b-1', namespace: 'goldengoose' },
  spec: { params },
  ...(status ? { status } : {}),
});
const condition = (s: ReturnType<typeof nextTaskRunStatus>) => (s?.conditions as { status: string; reason: string }[] | undefined)?.[0];

describe('nextTaskRunStatus (the simulated build controller)', () => {
  it('starts a new run, waits the build time, then succeeds with Tekton results naming the image and its digest', () => {
    const started = nextTaskRunStatus(run(), 1_000, 4_000);
    expect(condition(started)).toMatchObject({ status: 'Unknown', reason: 'Running' });
    const running = run(started as TaskRunLike['status']);
    expect(nextTaskRunStatus(running, 4_000, 4_000)).toBeUndefined();
    const done = nextTaskRunStatus(running, 5_000, 4_000);
    expect(condition(done)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(done?.results).toEqual([
      { name: 'IMAGE_DIGEST', type: 'string', value: imageDigest('goldengoose:abc1234', 'abc1234def') },
      { name: 'IMAGE_URL', type: 'string', value: 'goldengoose:abc1234' },
    ]);
    expect(String((done?.results as { value: string }[])[0]?.value)).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Finished runs are left alone.
    expect(nextTaskRunStatus(run(done as TaskRunLike['status']), 99_000, 4_000)).toBeUndefined();
  });

  it('fails a run without an IMAGE parameter, saying which parameter is missing', () => {
    const failed = nextTaskRunStatus(run(undefined, [{ name: 'revision', value: 'x' }]), 1_000, 4_000);
    expect(condition(failed)).toMatchObject({ status: 'False', reason: 'TaskRunValidationFailed' });
    expect((failed?.conditions as { message: string }[])[0]?.message).toContain('IMAGE');
  });

  it('gives the same digest for the same commit and image, another for another commit', () => {
    expect(imageDigest('goldengoose:abc', 'r1')).toBe(imageDigest('goldengoose:abc', 'r1'));
    expect(imageDigest('goldengoose:abc', 'r1')).not.toBe(imageDigest('goldengoose:abc', 'r2'));
  });
});
