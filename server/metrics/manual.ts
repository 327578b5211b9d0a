/** POST /api/metrics/:id: a value of a manual.* metric, checked, stored, and the rollups refreshed. */
import { upsertManualValue } from '../../db/queries/manual.js';
import { dayOf } from '../../shared/dates.js';
import { manualDayProblem } from '../../shared/limits.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { MANUAL_METRIC } from '../kpi/metrics/index.js';

export interface ManualValue {
  metric: string;
  at: string;
  value: number;
}

/** Records `value` for `metric` on `at` (default today); the same day again replaces it. */
export async function recordManualValue(
  ctx: AppContext,
  metric: string,
  body: { value: number; at?: string },
): Promise<ManualValue> {
  if (!MANUAL_METRIC.test(metric))
    throw new ApiError(
      400,
      'bad_request',
      `Only manual.<name> metrics can be recorded; ${metric} is collected.`,
    );
  const now = ctx.now();
  const today = dayOf(now, ctx.settings.timezone);
  const at = body.at ?? today;
  const late = manualDayProblem(at, today);
  if (late) throw new ApiError(400, 'bad_request', `Invalid body: at ${late}.`);
  await upsertManualValue(ctx.database.db, {
    metric,
    at,
    value: body.value,
    recorded_at: now.toISOString(),
    source: 'api',
  });
  await ctx.refresh();
  return { metric, at, value: body.value };
}
