/**
 * How often a resource that GitHub keeps changing is read again: at the first pass of each UTC day
 * (so the day before is read whole), and otherwise once `minutes` have passed since the last read.
 * Passes in between do not ask at all.
 */
export function isDue(lastReadAt: string | null | undefined, now: Date, minutes: number): boolean {
  if (!lastReadAt) return true;
  if (lastReadAt.slice(0, 10) !== now.toISOString().slice(0, 10)) return true;
  return now.getTime() - Date.parse(lastReadAt) >= minutes * 60_000;
}
