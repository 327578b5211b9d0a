/**
 * A metric's name as the dashboard shows it. A manual metric that no key result names (the demo
 * records `manual.nps` without a key result on it) arrives labelled by its id's name, "nps": it
 * reads as words instead. A label a key result gives is kept as it is.
 */
const MANUAL = 'manual.';

/** Business figures teams record by hand, by their usual abbreviation. */
const KNOWN: Record<string, string> = {
  nps: 'Net Promoter Score',
  arr: 'Annual recurring revenue',
  mrr: 'Monthly recurring revenue',
  csat: 'Customer satisfaction (CSAT)',
};

export function metricLabel(id: string, label: string): string {
  if (!id.startsWith(MANUAL)) return label;
  const name = id.slice(MANUAL.length);
  if (label !== name) return label;
  const known = KNOWN[name];
  if (known) return known;
  // Another short name is an abbreviation ("dau" → "DAU"); a longer one words ("paying_customers").
  if (/^[a-z]{2,4}$/.test(name)) return name.toUpperCase();
  const words = name.split(/[_-]+/).filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
