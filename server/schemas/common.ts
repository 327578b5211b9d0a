import { Type, type TSchema } from 'typebox';
import { EARLIEST_DAY } from '../../shared/limits.js';

/** `T | null`: the API says null for "no value", never omits the field. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A calendar day the API takes: a real date written YYYY-MM-DD, 2000-01-01 or later. */
export const ApiDay = (description: string) =>
  Type.String({
    format: 'date',
    formatMinimum: EARLIEST_DAY,
    description: `${description} (YYYY-MM-DD, ${EARLIEST_DAY} or later)`,
  });
