/**
 * Prose from the server (the health banner's causes) split into plain text and the identifiers in
 * it: a Discord channel (`#audit-log`), a repository (`acme/rocket`) or an item in one
 * (`acme/rocket#12`). The page keeps each identifier on one line: a browser would break
 * `#audit-log` after its hyphen, and half a name on each line reads as two names.
 */
export interface TextPart {
  text: string;
  identifier: boolean;
}

/** Ends on a letter, digit, `_` or `-`: a sentence's comma or full stop after a name is not in it. */
const IDENTIFIER = /#[\p{L}\p{N}_-]+|[\w.-]*[\w-]\/[\w.-]*[\w-](?:#\d+)?/gu;

/**
 * Longer names may still break: on a phone (about 40 characters a line) a longer one kept whole
 * would run off the screen.
 */
export const KEEP_WHOLE_MAX = 30;

export function identifierParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(IDENTIFIER)) {
    if (match[0].length > KEEP_WHOLE_MAX) continue;
    if (match.index > at) parts.push({ text: text.slice(at, match.index), identifier: false });
    parts.push({ text: match[0], identifier: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), identifier: false });
  return parts;
}
