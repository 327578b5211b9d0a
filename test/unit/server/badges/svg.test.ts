import { describe, expect, test } from 'vitest';
import { clip, escapeXml, renderBadge, renderChart } from '../../../../server/badges/svg.js';
import { textWidth } from '../../../../server/badges/text-width.js';

describe('textWidth (Verdana 11px)', () => {
  test.each([
    ['', 0],
    ['1', 7],
    ['stars', 5.73 + 4.33 + 6.61 + 4.69 + 5.73],
    ['WWW', 32.6],
    ['iii', 9.1],
  ])('%j → %d px', (text, width) => expect(textWidth(text)).toBeCloseTo(width, 1));

  test('wide characters count wider than narrow ones', () => {
    expect(textWidth('星星')).toBeGreaterThan(textWidth('ab'));
    expect(textWidth('é')).toBe(7);
  });
});

describe('SVG text', () => {
  test('escapes the five XML characters and drops those XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  test('long labels are clipped with an ellipsis, by characters not code units', () => {
    expect(clip('x'.repeat(70))).toHaveLength(60);
    expect(clip('😀'.repeat(70)).endsWith('…')).toBe(true);
  });

  test('a badge is as wide as its two texts plus padding', () => {
    const svg = renderBadge({ label: 'stars', value: '1,234', colour: '#44cc11' });
    const width = Math.ceil(textWidth('stars') + 10) + Math.ceil(textWidth('1,234') + 10);
    expect(svg).toContain(`width="${width}" height="20"`);
    expect(svg).toContain('fill="#333"'); // dark text on the light green
  });

  test('a chart breaks its line at missing days', () => {
    const svg = renderChart({
      title: 't',
      current: '3',
      points: [
        { t: '2026-01-01', v: 1 },
        { t: '2026-01-02', v: null },
        { t: '2026-01-03', v: 3 },
        { t: '2026-01-04', v: 2 },
      ],
      target: null,
      format: String,
      colour: '#007ec6',
    });
    expect(svg).toMatch(/d="M[\d.,]+M[\d.,]+L[\d.,]+"/);
  });
});
