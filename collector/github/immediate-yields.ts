/**
 * Bottleneck (the limiter under Octokit's throttling and retry plugins, and our GraphQL pacing)
 * keeps its queues in memory but talks to them as if they were Redis: every step of a job awaits
 * `yieldLoop()`, a `setTimeout(resolve, 0)`. Node runs such a timer a millisecond later at the
 * soonest, and a request takes a dozen of these steps: one pass of 33 requests against a local
 * stand-in set 472 of them, ~15 ms idle a request. `setImmediate` yields to the event loop just
 * the same, without the millisecond; a wait of its own (`yieldLoop(t)`, t > 0) stays a timer.
 *
 * The store's class is not exported, so its prototype is reached through a limiter's `_store`.
 * Both builds are patched: the plugins import `bottleneck/light.js`, our pacing `bottleneck`. A
 * Bottleneck whose store has no `yieldLoop` (another major) is left as it is.
 */
import { createRequire } from 'node:module';
import Bottleneck from 'bottleneck';

interface Store {
  yieldLoop(this: unknown, t?: number): Promise<void>;
}

const patched = new WeakSet<object>();

export function useImmediateYields(): void {
  const light = createRequire(import.meta.url)('bottleneck/light.js') as typeof Bottleneck;
  for (const Limiter of [Bottleneck, light]) {
    const limiter = new Limiter() as unknown as { _store?: object };
    const store = limiter._store && (Object.getPrototypeOf(limiter._store) as Partial<Store>);
    if (!store || typeof store.yieldLoop !== 'function' || patched.has(store)) continue;
    const timerYield = store.yieldLoop;
    store.yieldLoop = function (t = 0) {
      return t > 0
        ? timerYield.call(this, t)
        : new Promise<void>((resolve) => setImmediate(resolve));
    };
    patched.add(store);
  }
}
