/** What the package stand-ins share: JSON answers, a request log, and an outage switch for tests. */

export interface Outage {
  /** Every request gets this status (429, 500, 503…) until the outage is lifted. */
  status: number;
  retryAfter?: string;
}

export interface StandInLog {
  /** Paths asked for, decoded, with the query string where it matters. */
  requests: string[];
  outage: Outage | null;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
