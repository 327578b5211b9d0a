/**
 * A full garbage collection on request, for the full rollup rebuild between its groups of metrics:
 * each group's rows and views are garbage once it is written, but V8 lets its old generation grow
 * to several times what is live before collecting it (at 10× history: ~300 MB of heap when ~65 MB
 * is live), and the process's peak memory with it. Node exposes `gc` only behind `--expose-gc`;
 * the flag set at run time gives it to a new context. Between groups little is live (~10 MB): a
 * collection takes 15–25 ms.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Below this much heap a collection frees too little to matter, and costs a serving process (whose
 * own heap is tens of MB) a full collection per group: a first refresh of a small history, e.g.
 * right after `start`, would keep a Ctrl-C waiting for them.
 */
const WORTH_COLLECTING = 128 * 1024 * 1024;

export function collectGarbage(): void {
  if (process.memoryUsage().heapUsed < WORTH_COLLECTING) return;
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
