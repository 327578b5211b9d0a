/** Rows per statement: stays under SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK = 200;

/** Runs `write` on consecutive slices of `rows`, one statement each, in order. */
export async function inChunks<T>(
  rows: readonly T[],
  write: (chunk: T[]) => Promise<unknown>,
  size = CHUNK,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}
