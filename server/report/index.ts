/** Report formats: one model, many renderers. */
import { renderHtml } from './html.js';
import type { ReportModel } from './model.js';
import { printPdf, type PdfPrinter } from './pdf.js';
import { renderCsv, renderJson, renderMarkdown } from './render.js';

export const REPORT_FORMATS = ['md', 'csv', 'json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export async function renderReport(
  model: ReportModel,
  format: ReportFormat,
  print: PdfPrinter = (html) => printPdf(html),
): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return renderMarkdown(model);
    case 'csv':
      return renderCsv(model);
    case 'json':
      return renderJson(model);
    case 'html':
      return renderHtml(model);
    case 'pdf':
      return print(renderHtml(model, { forPdf: true }));
  }
}
