/**
 * Expensive exports (a PDF starts a Chromium) run one at a time: a queue with a bounded number of
 * waiting jobs and a deadline for each. Identical requests never get here twice while the rollups
 * are unchanged (the route caches the result per rollup version), so twenty parallel requests for
 * the same PDF print it once, and twenty different ones print one after another instead of starting
 * twenty browsers that starve the rest of the server.
 */

export class ExportBusyError extends Error {
  override name = 'ExportBusyError';
}

export class ExportTimeoutError extends Error {
  override name = 'ExportTimeoutError';
}

export class ExportQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    /** Longest a job may wait and run together; then it is aborted and its caller told. */
    readonly timeoutMs: number,
    /** Jobs queued or running at once; one more is refused rather than queued. */
    readonly maxPending: number,
  ) {}

  run<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.pending >= this.maxPending)
      return Promise.reject(
        new ExportBusyError(
          `${this.pending} exports are queued; try again in a minute or export HTML.`,
        ),
      );
    this.pending++;
    const controller = new AbortController();
    const started = this.tail.then(() => {
      if (controller.signal.aborted) throw new ExportTimeoutError(this.timeoutMessage());
      return job(controller.signal);
    });
    // The next job starts when this one has really finished (its Chromium exited), not when its
    // caller stopped waiting: that is what keeps it to one at a time.
    this.tail = started.then(
      () => this.pending--,
      () => this.pending--,
    );
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        controller.abort();
        reject(new ExportTimeoutError(this.timeoutMessage()));
      }, this.timeoutMs);
      started.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  private timeoutMessage(): string {
    return `The export did not finish within ${Math.round(this.timeoutMs / 1000)} s; try again later or export HTML.`;
  }
}
