/**
 * For the PDF only: a script that runs in Chromium before it prints, so no page comes out more than
 * half empty. It lays the report out at the A4 content width, paginates it the way print does (a
 * table row, chart row or heading never splits), and when the last page would be mostly blank it
 * either shrinks the page a little so the overflow fits on the page before, or makes the charts
 * larger (keeping their proportions) until the last page is well filled. The HTML report itself stays script-free.
 */

/** A4 portrait minus 12 mm margins, in CSS pixels (96 per inch). */
export const PAGE = { widthMm: 186, heightMm: 273 };

export const FIT_PAGES_STYLE = `
  html.pdf body { width: ${PAGE.widthMm}mm; margin: 0; padding: 0; max-width: none; font-size: 12px; }
`;

/** What fitPages touches of the page: Node code is compiled without the DOM's types. */
interface PageElement {
  getBoundingClientRect(): { top: number; bottom: number; height: number; width: number };
  scrollWidth: number;
  style: { fontSize: string; width: string; gridTemplateColumns: string; justifySelf: string };
}
declare const document: {
  body: PageElement;
  querySelectorAll(selectors: string): ArrayLike<PageElement>;
};
declare const window: { scrollY: number };

/**
 * Runs in the page (plain ES2020, no imports); keep it self-contained. A chart changes size as a
 * whole, its height following its width, so its lettering and dots are never stretched: larger
 * than its half of the page, it takes a row of its own (centred), up to the page's width.
 */
function fitPages(pagePx: number, minFill: number): void {
  const atoms = (): PageElement[] =>
    Array.from(
      document.querySelectorAll('header, h2, h3, section > p, section > ul, tr, .charts > figure'),
    );
  /**
   * Greedy pagination as print does it: an atom that does not fit starts the next page. Content
   * wider than the page (a wide table) makes Chromium shrink every page to fit, so a page holds
   * that much more of the layout.
   */
  const paginate = (): number[] => {
    const fills: number[] = [];
    const width = document.body.getBoundingClientRect().width;
    const pageHeightPx = pagePx * Math.max(1, document.body.scrollWidth / width);
    let top = 0;
    let bottom = 0;
    for (const atom of atoms()) {
      const r = atom.getBoundingClientRect();
      const y0 = r.top + window.scrollY;
      const y1 = r.bottom + window.scrollY;
      if (y1 - top > pageHeightPx && y0 > top) {
        fills.push((bottom - top) / pageHeightPx);
        top = y0;
      }
      bottom = Math.max(bottom, y1);
    }
    fills.push((bottom - top) / pageHeightPx);
    return fills;
  };
  const grids = Array.from(document.querySelectorAll('.charts'));
  const figures = Array.from(document.querySelectorAll('.charts > figure'));
  const pageWidth = document.body.getBoundingClientRect().width;
  const column = figures[0]?.getBoundingClientRect().width ?? pageWidth;
  const setLayout = (fontPx: number, chartScale: number) => {
    document.body.style.fontSize = `${fontPx}px`;
    const ownRow = chartScale > 1;
    for (const grid of grids) grid.style.gridTemplateColumns = ownRow ? 'minmax(0, 1fr)' : '';
    for (const figure of figures) {
      figure.style.width =
        chartScale === 1 ? '' : `${Math.min(pageWidth, column * chartScale).toFixed(1)}px`;
      figure.style.justifySelf = ownRow ? 'center' : '';
    }
  };
  // The tries, mildest first: as is, a little smaller (the overflow moves up a page), then larger
  // charts, a row each (the last page fills).
  const tries: [number, number][] = [[12, 1]];
  for (const shrink of [0.95, 0.9, 0.85]) tries.push([12 * shrink, shrink]);
  for (let scale = 1.1; scale < pageWidth / column + 0.1; scale += 0.1) tries.push([12, scale]);
  for (const [fontPx, scale] of tries) {
    setLayout(fontPx, scale);
    if (paginate().every((fill) => fill >= minFill)) return;
  }
  setLayout(12, 1);
}

/** The script tag the PDF's HTML ends with. */
export function fitPagesScript(minFill = 0.6): string {
  const pageHeightPx = (PAGE.heightMm / 25.4) * 96;
  return `<script>(${fitPages.toString()})(${pageHeightPx.toFixed(1)}, ${minFill});</script>`;
}
