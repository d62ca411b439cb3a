/**
 * The data the HTML report's page receives: shared by the page builder (html.ts) and the script that runs in
 * the browser (html-client.ts), which import it and never each other.
 */
import type { FileFigures, ReportData } from './figures.js';

export interface AgeHistogram {
  labels: string[];
  /** Per locale, one count per label. */
  counts: Record<string, number[]>;
}

/** What the page script gets: the report plus what is easier to compute here (links, histogram, rule order). */
export interface HtmlReportPayload extends ReportData {
  title: string;
  files: (FileFigures & { href: string })[];
  rules: string[];
  ages: AgeHistogram;
}
