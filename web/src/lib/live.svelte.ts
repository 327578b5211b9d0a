/**
 * Live refresh: /api/health is polled (cheap: a few indexed reads) every 30 s and when the tab
 * comes back into view; when a collection pass has finished since, `version` moves on and every
 * Loader refetches in place (no reload, no flash: the old data stays until the new arrives).
 */
import { api, type HealthResponse } from './api.js';
import { versionStamp } from './health.js';

export const POLL_MS = 30_000;

class Live {
  health = $state<HealthResponse | null>(null);
  version = $state(0);
  private stamp: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * The health the page was rendered with: the header shows it at once and the first poll compares
   * against it (a pass finished since the page was served is then picked up).
   */
  seed(health: HealthResponse | null) {
    this.health = health;
    this.stamp = health ? versionStamp(health) : null;
  }

  /** In the browser only (the server renders the page once, with seeded health). */
  start() {
    if (this.timer || typeof document === 'undefined') return;
    // A seeded page is current: the next poll is the first that can find something new.
    if (this.stamp === null) void this.poll();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.poll();
    });
  }

  async poll() {
    const health = await api.health().catch(() => null);
    if (!health) return;
    this.health = health;
    const stamp = versionStamp(health);
    if (this.stamp !== null && stamp !== this.stamp) this.version += 1;
    this.stamp = stamp;
  }
}

export const live = new Live();
