/**
 * JSON over fetch for the package sources: a timeout per request, retries of 5xx answers, dropped
 * connections and malformed JSON, a wait for a short `retry-after` on 429, and a count of requests.
 * Every failure ends as a PackageApiError carrying the status, so callers can word it.
 */

export interface PackageHttpOptions {
  signal?: AbortSignal;
  /** Per request; 30 s by default. */
  timeoutMs?: number;
  /** Further attempts after a 5xx, a dropped connection or bad JSON. */
  retries?: number;
  /** First wait before a retry (doubles each time), and the 429 wait when no retry-after is given. */
  retryDelayMs?: number;
  /** A 429 asking for a longer wait than this ends the source's pass instead. */
  maxRetryAfterMs?: number;
}

export interface PackageHttp {
  getJson(url: string): Promise<unknown>;
  readonly usage: { requests: number };
}

/** A request that did not give a usable answer: `status` null when no HTTP answer came. */
export class PackageApiError extends Error {
  override name = 'PackageApiError';
  constructor(
    readonly status: number | null,
    message: string,
    /** The answer's body (npm's `{error}`, Docker Hub's `{message}`), when it had one. */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export function createPackageHttp(options: PackageHttpOptions = {}): PackageHttp {
  const usage = { requests: 0 };
  const retries = options.retries ?? 2;
  const baseDelay = options.retryDelayMs ?? 1000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;

  async function getJson(url: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      const last = attempt >= retries;
      let response: Response;
      try {
        usage.requests++;
        response = await fetch(url, {
          headers: { accept: 'application/json', 'user-agent': 'pulseboard' },
          signal: combined(options.signal, options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (last) throw new PackageApiError(null, describeNetworkError(error));
        await sleep(baseDelay * 2 ** attempt, options.signal);
        continue;
      }
      if (response.ok) {
        const text = await response.text();
        try {
          return JSON.parse(text) as unknown;
        } catch {
          if (last) throw new PackageApiError(response.status, 'sent a malformed answer');
          await sleep(baseDelay * 2 ** attempt, options.signal);
          continue;
        }
      }
      const body = await readBody(response);
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? baseDelay;
        if (last || wait > maxRetryAfter)
          throw new PackageApiError(429, 'is rate-limiting this address (429)', body);
        await sleep(wait, options.signal);
        continue;
      }
      if (response.status >= 500 && !last) {
        await sleep(baseDelay * 2 ** attempt, options.signal);
        continue;
      }
      throw new PackageApiError(response.status, `answered ${response.status}`, body);
    }
  }
  return { getJson, usage };
}

function combined(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 200);
  }
}

/** `retry-after` in seconds or as an HTTP date → milliseconds; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describeNetworkError(error: unknown): string {
  if ((error as Error)?.name === 'TimeoutError') return 'did not answer in time';
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return `could not be reached${cause ? ` (${cause})` : ''}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
