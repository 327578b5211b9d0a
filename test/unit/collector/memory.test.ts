/**
 * A pass favours memory (V8's `--optimize-for-size`) while it runs: the flag goes on when the first
 * of overlapping passes starts (a schedule's and a command's) and off only when the last ends, also
 * when one fails, so a server sharing the process serves at full speed between passes.
 */
import { beforeEach, expect, test, vi } from 'vitest';

const flags: string[] = [];
vi.mock('node:v8', () => ({ setFlagsFromString: (flag: string) => flags.push(flag) }));
const { favouringMemory } = await import('../../../collector/memory.js');

beforeEach(() => {
  flags.length = 0;
});

test('one pass: on for its length, off after', async () => {
  const seen = await favouringMemory(async () => [...flags]);
  expect(seen).toEqual(['--optimize-for-size']);
  expect(flags).toEqual(['--optimize-for-size', '--no-optimize-for-size']);
});

test('overlapping passes: on once, off when the last ends, a failing one included', async () => {
  let endFirst!: () => void;
  const first = favouringMemory(() => new Promise<void>((resolve) => (endFirst = resolve)));
  const failing = favouringMemory(async () => {
    throw new Error('GitHub answered 502');
  });
  await expect(failing).rejects.toThrow('502');
  expect(flags).toEqual(['--optimize-for-size']);
  endFirst();
  await first;
  expect(flags).toEqual(['--optimize-for-size', '--no-optimize-for-size']);
});
