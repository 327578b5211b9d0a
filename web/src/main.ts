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
  withPageData(data, () => hydrate(App, { target }));
} else {
  mount(App, { target });
}
