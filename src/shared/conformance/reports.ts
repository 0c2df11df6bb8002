import type { ReportFormat } from '../model/conformance';
import { reportFileName, type ReportInput } from './report-input';
import { toHtmlReport } from './report-html';
import { toJsonReport } from './report-json';
import { toJunitReport } from './report-junit';
import { toMarkdownReport } from './report-markdown';

export const REPORT_FORMATS: Record<ReportFormat, { label: string; extension: string; mimeType: string; build: (input: ReportInput) => string }> = {
  html: { label: 'HTML report', extension: 'html', mimeType: 'text/html', build: toHtmlReport },
  markdown: { label: 'Markdown', extension: 'md', mimeType: 'text/markdown', build: toMarkdownReport },
  junit: { label: 'JUnit XML', extension: 'junit.xml', mimeType: 'application/xml', build: toJunitReport },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json', build: toJsonReport },
};

/** One report file of a prepared (redacted) run. */
export function buildReport(format: ReportFormat, input: ReportInput): { fileName: string; mimeType: string; content: string } {
  const { extension, mimeType, build } = REPORT_FORMATS[format];
  return { fileName: reportFileName(input.run, extension), mimeType, content: build(input) };
}

export { prepareReport, type ReportInput, type ReportRun, type ExchangeEvidence } from './report-input';
export { compareRuns } from './compare';
