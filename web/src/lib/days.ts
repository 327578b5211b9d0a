/** Calendar-day helpers for chart axes (YYYY-MM-DD, UTC arithmetic). */
const DAY = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const addDays = (day: string, n: number) =>
  new Date(ms(day) + n * DAY).toISOString().slice(0, 10);
export const daysBetween = (a: string, b: string) => Math.round((ms(b) - ms(a)) / DAY);
export const today = () => new Date().toISOString().slice(0, 10);

/** The next axis label after `day` for an interval (weeks start Monday, months on the 1st). */
export function nextLabel(day: string, interval: string): string {
  if (interval === 'week') return addDays(day, 7);
  if (interval === 'month') {
    const d = new Date(ms(day));
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
      .toISOString()
      .slice(0, 10);
  }
  return addDays(day, 1);
}
