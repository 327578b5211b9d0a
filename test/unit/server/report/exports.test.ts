import { describe, expect, test } from 'vitest';
import {
  ExportBusyError,
  ExportQueue,
  ExportTimeoutError,
} from '../../../../server/report/exports.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ExportQueue', () => {
  test('runs jobs one at a time, in order', async () => {
    const queue = new ExportQueue(5_000, 10);
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(`start ${name}`);
      await sleep(20);
      order.push(`end ${name}`);
      running--;
      return name;
    };
    expect(
      await Promise.all([queue.run(job('a')), queue.run(job('b')), queue.run(job('c'))]),
    ).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  test('a failed job does not stop the ones after it', async () => {
    const queue = new ExportQueue(5_000, 10);
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  test('refuses a job when the queue is full', async () => {
    const queue = new ExportQueue(5_000, 2);
    const a = queue.run(() => sleep(30));
    const b = queue.run(() => sleep(30));
    await expect(queue.run(async () => 'c')).rejects.toBeInstanceOf(ExportBusyError);
    await Promise.all([a, b]);
    await expect(queue.run(async () => 'd')).resolves.toBe('d');
  });

  test('past the deadline the caller is told and the job is aborted; the next job waits for it to end', async () => {
    const queue = new ExportQueue(50, 5);
    let aborted = false;
    let ended = false;
    const slow = queue.run(async (signal) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      aborted = true;
      await sleep(30); // a browser takes a moment to exit
      ended = true;
    });
    await expect(slow).rejects.toBeInstanceOf(ExportTimeoutError);
    expect(aborted).toBe(true);
    await expect(queue.run(async () => ended)).resolves.toBe(true);
  });
});
