/**
 * Several `pulseboard start` processes may share one PostgreSQL; exactly one of them runs the
 * schedule. Each tries to hold the 'scheduler' lease; the holder renews it every third of its
 * period and runs the schedule; when the holder dies its lease runs out and another takes over.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { acquireLease, releaseLease } from '../db/queries/lease.js';
import type { Database } from '../db/schema.js';
import type { Schedule, ScheduleLog } from './schedule.js';

export interface Leadership {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function leadSchedule(options: {
  db: Kysely<Database>;
  leaseMs: number;
  start: () => Schedule;
  log: ScheduleLog;
}): Leadership {
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  let schedule: Schedule | null = null;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      const leading = await acquireLease(
        options.db,
        'scheduler',
        holder,
        options.leaseMs,
        new Date(),
      );
      if (stopped) return;
      if (leading && !schedule) {
        schedule = options.start();
        options.log.info(
          'This process now runs the collection schedule (it holds the scheduler lease).',
        );
      } else if (!leading && schedule) {
        await schedule.stop();
        schedule = null;
        options.log.info('Another process runs the collection schedule now; this one only serves.');
      }
    } catch (error) {
      options.log.error(`Could not check the scheduler lease: ${(error as Error).message}`);
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), Math.max(1000, Math.floor(options.leaseMs / 3)));
  timer.unref();
  return {
    isLeader: () => schedule !== null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await schedule?.stop();
      schedule = null;
      await releaseLease(options.db, 'scheduler', holder).catch(() => {});
    },
  };
}
