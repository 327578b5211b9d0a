/**
 * The key results as `/api/okrs` answers them now: evaluated once per rollup version and day (the
 * day moves `today` in the evaluation), shared by the route and the server-rendered overview.
 */
import { dayOf } from '../shared/dates.js';
import type { AppContext } from './context.js';
import { evaluateOkrs } from './metrics/read.js';
import type { OkrsResponse } from './schemas/okrs.js';

export function currentOkrs(ctx: AppContext): Promise<OkrsResponse> {
  const { settings } = ctx;
  const now = ctx.now();
  return ctx.cache.get(`okrs-data:${dayOf(now, settings.timezone)}`, () =>
    evaluateOkrs(ctx.database.db, settings.project, settings.okrs, settings.timezone, now),
  );
}
