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

/**
 * How long a pass took, from its start and end instants (ISO): "running" until it ends. A pass
 * faster than a tenth of a second reads "under 0.1 s" (a daily package poll is one request:
 * "0.0 s" read as if it did nothing); tenths under 10 s, whole seconds under a minute, then minutes.
 */
export function durationText(start: string, end: string | null): string {
  if (end === null) return 'running';
  const seconds = Math.max(0, Date.parse(end) - Date.parse(start)) / 1000;
  if (seconds < 0.1) return 'under 0.1 s';
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(Math.round(seconds) / 60);
  const rest = Math.round(seconds) % 60;
  if (minutes < 60) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
