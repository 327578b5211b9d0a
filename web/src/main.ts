import { hydrate, mount } from 'svelte';
import App from './App.svelte';
import { live } from './lib/live.svelte.js';
import { PAGE_DATA_ID, withPageData, type PageData } from './lib/page-data.js';
import './styles.css';

const target = document.getElementById('app')!;
const embedded = document.getElementById(PAGE_DATA_ID);
if (embedded) {
  // The server sent the overview ready (see server/overview-page.ts): take it over in place.
  const data = JSON.parse(embedded.textContent ?? '') as PageData;
  live.seed(data.health);
  // Painted first, then hydrated: on a slow phone hydration takes a few hundred milliseconds, and
  // run before the first paint it would hold the served summary and cards off the screen that long.
  afterFirstPaint(() => withPageData(data, () => hydrate(App, { target })));
} else {
  mount(App, { target });
}

/** Runs `task` once the browser has painted the page as served (at once in a hidden tab, which does not paint). */
function afterFirstPaint(task: () => void) {
  if (document.visibilityState !== 'visible') return task();
  // A frame's callbacks run before its paint; a task queued from one runs after it.
  requestAnimationFrame(() => setTimeout(task, 0));
}
