import { untrack } from 'svelte';
import { live } from './live.svelte.js';

/**
 * A value loaded from the API, with its loading and error states; the latest load wins. Made
 * during a component's setup with a fetcher, it loads at once and again after each finished
 * collection pass (see live.svelte.ts).
 */
export class Loader<T> {
  data = $state<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  private sequence = 0;

  /**
   * Without a fetcher nothing loads until `load(fetcher)` is called. With `initial` (the data the
   * server rendered the page from) it starts loaded and fetches only after a finished pass.
   */
  constructor(
    private readonly fetcher?: () => Promise<T>,
    initial: T | null = null,
  ) {
    this.data = initial;
    let skip = initial !== null;
    if (fetcher)
      $effect(() => {
        void live.version;
        if (skip) {
          skip = false;
          return;
        }
        untrack(() => void this.load());
      });
  }

  async load(fetcher: (() => Promise<T>) | undefined = this.fetcher): Promise<void> {
    if (!fetcher) return;
    const call = ++this.sequence;
    this.loading = true;
    this.error = null;
    try {
      const data = await fetcher();
      if (call === this.sequence) this.data = data;
    } catch (error) {
      if (call === this.sequence)
        this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (call === this.sequence) this.loading = false;
    }
  }
}
