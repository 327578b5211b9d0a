/**
 * Joins lines until `maxChars`; the rest become "…and N more". Never returns more than maxChars.
 */
export function joinCapped(lines: readonly string[], maxChars: number, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const more = `…and ${lines.length - i} more`;
    const next = length + (kept.length ? separator.length : 0) + lines[i]!.length;
    const reserve =
      i < lines.length - 1 ? separator.length + `…and ${lines.length - i - 1} more`.length : 0;
    if (next + reserve > maxChars) {
      kept.push(more);
      break;
    }
    kept.push(lines[i]!);
    length = next;
  }
  const text = kept.join(separator);
  return text.length <= maxChars ? text : text.slice(0, Math.max(0, maxChars - 1)) + '…';
}
