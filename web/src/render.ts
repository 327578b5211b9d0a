/**
 * The server's entry (built by `vite build --ssr` into dist/ssr/render.js, svelte's server runtime
 * bundled in): the App rendered for the overview, `/`, from the answers the server already keeps,
 * so a phone paints the key results before the script has run. The browser hydrates it (main.ts).
 */
import { render } from 'svelte/server';
import App from './App.svelte';
import { live } from './lib/live.svelte.js';
import { PAGE_DATA_ID, withPageData, type PageData } from './lib/page-data.js';

export type { PageData };

export interface RenderedOverview {
  /** The content of `<div id="app">`, with svelte's hydration markers. */
  app: string;
  /**
   * The data the page was rendered from, for the browser to hydrate with: a JSON data block, never
   * run (the CSP's `script-src 'self'` holds), `<` escaped so no text in it can end the element.
   */
  data: string;
}

export function renderOverview(answers: PageData): RenderedOverview {
  const json = JSON.stringify(answers);
  // Rendered from the JSON's own copy: the server and the hydrating browser see the same data.
  const data = JSON.parse(json) as PageData;
  live.seed(data.health);
  try {
    const app = withPageData(data, () => render(App).body);
    const escaped = json.replace(/</g, '\\u003c');
    return {
      app,
      data: `<script type="application/json" id="${PAGE_DATA_ID}">${escaped}</script>`,
    };
  } finally {
    live.seed(null);
  }
}
