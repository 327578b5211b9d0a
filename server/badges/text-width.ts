/**
 * How wide text is in Verdana 11px (the font shields.io badges use), per character, so a badge is
 * as wide as its text without a browser to measure it. Printable ASCII from Verdana's advance
 * widths (units per em 2048, at 11 px); other characters get an average width, wide ones (CJK,
 * emoji) 1.6 times that. The SVG also sets `textLength`, so a fallback font is squeezed to fit.
 */
const ASCII_WIDTHS: readonly number[] = [
  // space ! " # $ % & ' ( ) * + , - . /
  3.87, 4.33, 5.05, 9.0, 7.0, 11.84, 7.99, 2.95, 4.99, 4.99, 7.0, 9.0, 4.0, 4.99, 4.0, 4.99,
  // 0-9
  7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0,
  // : ; < = > ? @
  4.99, 4.99, 9.0, 9.0, 9.0, 6.0, 11.0,
  // A-Z
  7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5.0, 7.62, 6.12, 9.27, 8.23, 8.66, 6.63,
  8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54,
  // [ \ ] ^ _ `
  4.99, 4.99, 4.99, 9.0, 7.0, 7.0,
  // a-z
  6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.71, 6.96, 6.68, 6.85,
  6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 8.98, 6.51, 6.51, 5.78,
  // { | } ~
  6.98, 4.99, 6.98, 9.0,
];

const AVERAGE = 7.0;

/** Characters that take about two columns (CJK, Hangul, full-width forms, emoji). */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u;

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 32 && code <= 126) width += ASCII_WIDTHS[code - 32]!;
    else if (WIDE.test(char)) width += AVERAGE * 1.6;
    else width += AVERAGE;
  }
  return Math.round(width * 10) / 10;
}
