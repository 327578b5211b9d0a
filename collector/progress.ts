/** Progress of a collection pass, reported per repo and resource; the CLI renders it. */
export interface ProgressEvent {
  source: 'github' | 'discord' | 'packages';
  /** owner/name or a guild id. */
  scope: string;
  resource: string;
  items: number;
  pages: number;
  /** Items the API says there are, when it says (totalCount). */
  total: number | null;
  /** Rate limit left, when known. */
  rateRemaining: number | null;
  done: boolean;
  /** Why a resource was limited, e.g. a refused stargazer list. */
  note?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;
