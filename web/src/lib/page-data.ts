/**
 * The answers the server rendered the overview from, embedded in the page as JSON
 * (`<script type="application/json" id="pulseboard-data">`): the components made while the page
 * hydrates start from them, so the overview is neither fetched nor drawn a second time.
 */
import type { HealthResponse, OkrsResponse } from './api.js';

export interface PageData {
  okrs: OkrsResponse;
  /** Null when the server could not read it: the header then waits for the first poll. */
  health: HealthResponse | null;
}

export const PAGE_DATA_ID = 'pulseboard-data';

let current: PageData | null = null;

/**
 * Runs `render` (the server's `render` or the browser's `hydrate`, both synchronous) with `data`
 * as what the loaders made during it start from; loaders made later fetch as usual.
 */
export function withPageData<T>(data: PageData, render: () => T): T {
  current = data;
  try {
    return render();
  } finally {
    current = null;
  }
}

/** The data the page is being rendered from, or null outside `withPageData`. */
export function pageData(): PageData | null {
  return current;
}
