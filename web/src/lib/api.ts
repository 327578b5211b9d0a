/** Typed reads of the Pulseboard API. Types come from the server's schemas, never redeclared. */
import type { ErrorBody } from '../../../server/schemas/error.js';
import type { HealthResponse } from '../../../server/schemas/health.js';
import type {
  MetricsResponse,
  ReposResponse,
  SeriesResponse,
} from '../../../server/schemas/metrics.js';
import type { OkrsResponse } from '../../../server/schemas/okrs.js';
import type { RunsResponse } from '../../../server/schemas/runs.js';
import type { WaitingResponse } from '../../../server/schemas/waiting.js';

export type {
  HealthResponse,
  MetricsResponse,
  OkrsResponse,
  ReposResponse,
  RunsResponse,
  SeriesResponse,
  WaitingResponse,
};
export type { MetricSummary } from '../../../server/schemas/metrics.js';
export type { KeyResult, SeriesPoint } from '../../../server/schemas/okrs.js';

export class ApiFailure extends Error {}

/** Reads under way, by path: two views asking for the same thing at once share one request. */
const inFlight = new Map<string, Promise<unknown>>();

function get<T>(path: string): Promise<T> {
  const pending = inFlight.get(path);
  if (pending) return pending as Promise<T>;
  const request = read<T>(path).finally(() => inFlight.delete(path));
  inFlight.set(path, request);
  return request;
}

async function read<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiFailure('The Pulseboard server cannot be reached. Is it running?');
  }
  const body = (await response.json().catch(() => null)) as T | ErrorBody | null;
  if (!response.ok) {
    const message =
      (body as ErrorBody | null)?.error?.message ?? `The server answered ${response.status}.`;
    throw new ApiFailure(message);
  }
  return body as T;
}

export const api = {
  health: () => get<HealthResponse>('/api/health'),
  okrs: () => get<OkrsResponse>('/api/okrs'),
  metrics: () => get<MetricsResponse>('/api/metrics'),
  repos: () => get<ReposResponse>('/api/repos'),
  runs: () => get<RunsResponse>('/api/runs?limit=50'),
  waiting: (query: Record<string, string>) =>
    get<WaitingResponse>(`/api/waiting?${new URLSearchParams(query)}`),
  series: (id: string, query: Record<string, string | undefined>) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => !!e[1]),
    );
    return get<SeriesResponse>(`/api/metrics/${encodeURIComponent(id)}/series?${params}`);
  },
};
