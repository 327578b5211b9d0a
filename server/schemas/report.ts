import { Type } from 'typebox';
import { CONTENT_TYPES, REPORT_FORMATS } from '../report/index.js';
import { ApiDay } from './common.js';

export const ReportParams = Type.Object({ format: Type.Enum(REPORT_FORMATS) });

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(ApiDay('First day; default 89 days before `to`')),
    to: Type.Optional(ApiDay('Last day; default today')),
    quarter: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-?[Qq][1-4]$',
        description: 'A calendar quarter instead of from/to, e.g. 2026Q1',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The report in each format's own content type (the JSON one is an object, the others text). */
export const ReportBody = {
  description: 'The report, in the content type of its format',
  content: Object.fromEntries(
    REPORT_FORMATS.map((format) => [
      CONTENT_TYPES[format].split(';')[0]!,
      {
        schema:
          format === 'json'
            ? { type: 'object' }
            : format === 'pdf'
              ? { type: 'string', format: 'binary' }
              : { type: 'string' },
      },
    ]),
  ),
};
