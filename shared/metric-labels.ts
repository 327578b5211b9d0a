/**
 * The name a manual metric goes by where no key result labels it (the demo records `manual.nps`
 * without a key result on it): words instead of its id's name, the same in the API, the
 * dashboard, digests and reports. A key result's own label always comes first.
 */

/** Business figures teams record by hand, by their usual abbreviation. */
const KNOWN: Record<string, string> = {
  nps: 'Net Promoter Score',
  arr: 'Annual recurring revenue',
  mrr: 'Monthly recurring revenue',
  csat: 'Customer satisfaction (CSAT)',
};

/** `name` is the id after `manual.`: "nps" → "Net Promoter Score", "dau" → "DAU". */
export function manualMetricLabel(name: string): string {
  const known = KNOWN[name];
  if (known) return known;
  // Another short name is an abbreviation ("dau" → "DAU"); a longer one words ("paying_customers").
  if (/^[a-z]{2,4}$/.test(name)) return name.toUpperCase();
  const words = name.split(/[_-]+/).filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
