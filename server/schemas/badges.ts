import { Type } from 'typebox';
import { CHART_RANGES } from '../badges/read.js';

export const BadgeParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const ChartQuery = Type.Object(
  {
    range: Type.Optional(
      Type.Enum(Object.keys(CHART_RANGES), {
        description: 'How far back the chart goes (default 1y)',
      }),
    ),
  },
  { additionalProperties: false },
);

const svg = (description: string) => ({
  description,
  content: { 'image/svg+xml': { schema: Type.String() } },
});

/** Every status a badge or chart route answers with. */
export const SvgResponses = (what: string) => ({
  200: svg(`${what} (SVG, with an ETag; cached until the rollups change)`),
  304: { description: 'Not modified: the If-None-Match ETag is current', type: 'null' },
  400: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
});
