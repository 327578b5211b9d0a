/** What the Collection page shows of the recent passes. Pure. */

/**
 * For each pass (newest first), whether its notes are those of the same source's pass listed just
 * above it: a Discord permission note comes with every pass, every few minutes, and repeated in
 * full it buried the passes that said something new.
 */
export function repeatsNotes(
  runs: readonly { source: string; notes: readonly string[] }[],
): boolean[] {
  const above = new Map<string, readonly string[]>();
  return runs.map((run) => {
    const newer = above.get(run.source);
    above.set(run.source, run.notes);
    return (
      run.notes.length > 0 &&
      newer !== undefined &&
      newer.length === run.notes.length &&
      newer.every((note, i) => note === run.notes[i])
    );
  });
}
