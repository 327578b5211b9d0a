/**
 * A full garbage collection on request, for the long passes that hold little live but make much
 * garbage (in db/ as the layer the collector and the server both build on). The full rollup rebuild
 * collects between its groups of metrics, a backfill's commit walk between its batches. The rebuild:
 * each group's rows and views are garbage once it is written, but V8 lets its old generation grow
 * to several times what is live before collecting it, and the process's peak memory with it: at
 * 10× history the next group's rows loaded beside the last one's garbage (a 324 MB peak instead
 * of 230 MB when collected). Node exposes `gc` only behind `--expose-gc`; the flag set at run time
 * gives it to a new context. Between groups little is live (~10 MB): a collection takes 10–25 ms.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Below this much growth a collection frees too little to matter, and would cost a serving process
 * (whose own heap is tens of MB) a full collection per group of a small history's first refresh.
 */
const WORTH_COLLECTING = 32 * 1024 * 1024;

/** Collects when the heap grew by WORTH_COLLECTING since `from` (its size before the work). */
export function collectGarbage(from: number): void {
  if (process.memoryUsage().heapUsed - from < WORTH_COLLECTING) return;
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}
