/**
 * A collection pass favours memory over speed: V8's `--optimize-for-size`, on while a pass runs.
 * A pass holds ~20 MB live but turns every page it reads into garbage (the response's text, its
 * parse, the rows); left to its defaults V8 lets the old generation fill with that garbage to ~4×
 * what is live before collecting it, beside a young generation grown to 32 MB: a 1× backfill peaked
 * at 178–218 MB, ~100 MB of it V8's heap (the rest: ~48 MB of node's own code, ~30 MB malloc'd,
 * SQLite's page cache among it). With the flag V8 grows the heap by the least after each collection
 * (its "minimal" growing mode, decided at every collection, so the flag works when set at run time)
 * and keeps a smaller young generation: the same backfill peaks at 142–151 MB for ~1.5 s more CPU
 * (19 s against 17.5; `bench/backfill-memory.ts`), which a pass waiting on the network does not
 * notice. Off again once no pass runs, so that a server sharing the process (`pulseboard start`)
 * serves at full speed between passes.
 */
import { setFlagsFromString } from 'node:v8';

/** Started with the flag (`node --optimize-for-size`): it stays on. */
const always = process.execArgv.includes('--optimize-for-size');
let running = 0;

/** `work` with the flag on; passes may overlap (a schedule's and a command's): off after the last. */
export async function favouringMemory<T>(work: () => Promise<T>): Promise<T> {
  if (running++ === 0 && !always) setFlagsFromString('--optimize-for-size');
  try {
    return await work();
  } finally {
    if (--running === 0 && !always) setFlagsFromString('--no-optimize-for-size');
  }
}
