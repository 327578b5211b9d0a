import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const AlertRecord = Type.Object({
  /** Unique per event; the same event is never sent twice. */
  key: Type.String(),
  kind: Type.Enum(['key_result', 'threshold', 'milestone', 'collection', 'rate_limit', 'summary']),
  subject: Type.String(),
  title: Type.String(),
  message: Type.String(),
  /** sent · failed (every channel refused it) · sending · held (over the hourly cap) · summarized. */
  status: Type.Enum(['sending', 'sent', 'failed', 'held', 'summarized']),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  /** The channels it reached. */
  channels: Type.Array(Type.String()),
  error: Nullable(Type.String()),
});
export type AlertRecord = Static<typeof AlertRecord>;
export const AlertsResponse = Type.Array(AlertRecord);
export type AlertsResponse = Static<typeof AlertsResponse>;

export const AlertsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);
