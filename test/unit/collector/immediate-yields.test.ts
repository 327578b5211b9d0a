import { createRequire } from 'node:module';
import Bottleneck from 'bottleneck';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { useImmediateYields } from '../../../collector/github/immediate-yields.js';

const light = createRequire(import.meta.url)('bottleneck/light.js') as typeof Bottleneck;
const BUILDS = [
  ['bottleneck', Bottleneck],
  ['bottleneck/light.js', light],
] as const;

/** How many zero-delay timers scheduling `jobs` jobs one after the other sets. */
async function zeroTimers(Limiter: typeof Bottleneck, jobs: number): Promise<number> {
  const limiter = new Limiter({ maxConcurrent: 1 });
  const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
  for (let i = 0; i < jobs; i++) await limiter.schedule(() => Promise.resolve(i));
  const zero = setTimeoutSpy.mock.calls.filter(([, delay]) => !delay).length;
  setTimeoutSpy.mockRestore();
  await limiter.stop({ dropWaitingJobs: false });
  return zero;
}

describe('Bottleneck yields without a timer', () => {
  afterEach(() => vi.restoreAllMocks());

  // Sequential on purpose: the patch is for the whole process, so the "before" runs first.
  test.each(BUILDS)(
    '%s, as installed, sets four zero-delay timers a job',
    async (_name, Limiter) => {
      expect(await zeroTimers(Limiter, 10)).toBe(40);
    },
  );

  test.each(BUILDS)(
    "%s, after useImmediateYields, sets only each job's start",
    async (_name, Limiter) => {
      useImmediateYields();
      useImmediateYields(); // twice is the same as once
      // What is left is the job's own start (`setTimeout(run, wait)`, wait 0 here), not a yield.
      expect(await zeroTimers(Limiter, 10)).toBe(10);
    },
  );

  test.each(BUILDS)(
    '%s still keeps its own waits: minTime spaces the jobs',
    async (_name, Limiter) => {
      useImmediateYields();
      const limiter = new Limiter({ maxConcurrent: 1, minTime: 40 });
      const scheduled = performance.now();
      const started: number[] = [];
      await Promise.all(
        [0, 1, 2].map(() => limiter.schedule(async () => started.push(performance.now()))),
      );
      // Bottleneck books each start 40 ms after the one before (the first at once), in Date.now()'s
      // whole milliseconds; a late first start (a loaded machine) shortens the gap that follows it,
      // so the third start is measured from the scheduling, with those milliseconds to spare.
      expect(started).toHaveLength(3);
      expect(started[2]! - scheduled).toBeGreaterThanOrEqual(2 * 40 - 3);
    },
  );
});
