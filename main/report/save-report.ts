/** Writing a report to disk, for the CLI and the app alike. */
import { writeFileAtomic } from '../project/atomic-write.ts';
import { reportHtml } from './report-html.ts';
import { reportInput, type ReportSources } from './report-input.ts';

export async function saveReport(path: string, sources: ReportSources): Promise<{ bytes: number; notes: readonly string[] }> {
  const input = reportInput(sources);
  const html = reportHtml(input);
  await writeFileAtomic(path, html);
  return { bytes: Buffer.byteLength(html), notes: input.notes };
}
