/**
 * A stand-in for the Discord REST endpoints the collector uses, over a generated, seeded guild
 * (`guild.ts`): members who joined over two years (some left), counts, a public invite, rate-limit
 * headers, and the GUILD_MEMBERS intent that a bot may or may not have. `handle(request)` is
 * fetch-shaped, so it serves msw handlers in tests and a loopback HTTP server in the demo. The
 * answers per resource are in `routes.ts`.
 */
import type { GuildWorld } from './guild.js';
import { answerRequest, json } from './routes.js';

export * from './guild.js';

export interface DiscordStandIn {
  guild: GuildWorld;
  stats: {
    requests: number;
    routes: Record<string, number>;
    /** Every channel-messages request's query string, by channel id, in order. */
    messageQueries: Record<string, string[]>;
    /** 429s answered because a client ignored the rate-limit headers. */
    rateLimited: number;
  };
  /** Discord's per-route buckets for channel messages: `limit` requests per channel a window. */
  messagesRateLimit: { limit: number; windowMs: number };
  /** Lets a test answer a request itself (faults), or return undefined to let the stand-in answer. */
  interceptors: ((
    request: Request,
    url: URL,
  ) => Response | undefined | Promise<Response | undefined>)[];
  handle(request: Request): Promise<Response>;
}

export function createDiscordStandIn(guild: GuildWorld): DiscordStandIn {
  const takeMessagesBucket = messagesBuckets(() => standIn);
  const standIn: DiscordStandIn = {
    guild,
    stats: { requests: 0, routes: {}, messageQueries: {}, rateLimited: 0 },
    messagesRateLimit: { limit: 5, windowMs: 250 },
    interceptors: [],
    async handle(request) {
      const url = new URL(request.url);
      for (const intercept of standIn.interceptors) {
        const response = await intercept(request, url);
        if (response) return response;
      }
      const count = (route: string) => {
        standIn.stats.requests++;
        standIn.stats.routes[route] = (standIn.stats.routes[route] ?? 0) + 1;
      };
      const { messageQueries } = standIn.stats;
      return answerRequest({ guild, count, takeMessagesBucket, messageQueries }, request, url);
    },
  };
  return standIn;
}

/**
 * Discord's per-channel buckets for channel messages: the bucket's headers for a request, or a 429
 * when the client spent it already. A bucket lasts its window of real time, and no longer than the
 * world's clock stands still: when a test moves the guild a day on, the next pass finds fresh
 * buckets, as it would on Discord.
 */
function messagesBuckets(standIn: () => DiscordStandIn) {
  const buckets = new Map<string, { start: number; used: number; worldNow: string }>();
  return (channelId: string): Record<string, string> | Response => {
    const { guild, messagesRateLimit, stats } = standIn();
    const { limit, windowMs } = messagesRateLimit;
    const now = Date.now();
    let bucket = buckets.get(channelId);
    if (!bucket || now - bucket.start >= windowMs || bucket.worldNow !== guild.now)
      buckets.set(channelId, (bucket = { start: now, used: 0, worldNow: guild.now }));
    const resetAfter = ((bucket.start + windowMs - now) / 1000).toFixed(3);
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-reset-after': resetAfter,
      'x-ratelimit-reset': ((bucket.start + windowMs) / 1000).toFixed(3),
      'x-ratelimit-bucket': 'channel-messages-get',
    };
    if (bucket.used >= limit) {
      stats.rateLimited++;
      return json(
        429,
        { message: 'You are being rate limited.', retry_after: Number(resetAfter), global: false },
        {
          ...headers,
          'x-ratelimit-remaining': '0',
          'retry-after': String(Math.ceil(Number(resetAfter))),
          'x-ratelimit-scope': 'user',
        },
      );
    }
    bucket.used++;
    return { ...headers, 'x-ratelimit-remaining': String(limit - bucket.used) };
  };
}
