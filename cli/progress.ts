/**
 * Shows collection progress: live bars per repository and resource on a terminal (items, pages,
 * rate limit left, ETA), one line per finished resource otherwise (logs, CI).
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressSink } from '../collector/progress.js';

export interface ProgressRenderer {
  sink: ProgressSink;
  stop(): void;
}

export function createProgressRenderer(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  log: (line: string) => void,
): ProgressRenderer {
  if (!stream.isTTY) {
    return {
      sink: (event) => {
        if (event.done) log(describeDone(event));
      },
      stop: () => {},
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format:
        '{label} [{bar}] {value}/{total} · {pages} pages · rate left {rate} · ETA {eta_formatted}',
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const byKey = new Map<string, cliProgress.SingleBar>();
  return {
    sink: (event) => {
      const key = `${event.scope} ${event.resource}`;
      const payload = {
        label: key.padEnd(40),
        pages: event.pages,
        rate: event.rateRemaining ?? '?',
      };
      const total = event.done ? event.items : Math.max(event.total ?? event.items, event.items);
      let bar = byKey.get(key);
      if (!bar) {
        bar = bars.create(total, event.items, payload);
        byKey.set(key, bar);
      }
      bar.setTotal(total);
      bar.update(event.items, payload);
      if (event.note) bars.log(`${key}: ${event.note}\n`);
    },
    stop: () => bars.stop(),
  };
}

function describeDone(event: ProgressEvent): string {
  const rate = event.rateRemaining === null ? '' : `, rate limit left ${event.rateRemaining}`;
  const base = `${event.scope} ${event.resource}: ${event.items} new or updated in ${event.pages} page${event.pages === 1 ? '' : 's'}${rate}`;
  return event.note ? `${event.scope} ${event.resource}: ${event.note}` : `${base}.`;
}
