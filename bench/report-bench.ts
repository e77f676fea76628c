/**
 * The remediation report of 20 addresses with 1,000 events each (issue 16): ≤ 1 s in Markdown
 * and HTML, ≤ 3 s in PDF, address lookups included. `npx tsx bench/report-bench.ts [--json] [--keep-in DIR]`,
 * or through `npm run bench` (bench.ts calls benchReport).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../core/engine';

export interface ReportBenchResult {
  addresses: number;
  eventsPerAddress: number;
  mdSeconds: number;
  htmlSeconds: number;
  csvSeconds: number;
  /** the first PDF of a process loads pdfmake and its fonts */
  pdfFirstSeconds: number;
  pdfSeconds: number;
  pdfBytes: number;
  /** CPU seconds of the process (DuckDB's threads included) for the Markdown and the second PDF: steadier than the clock on a shared machine */
  mdCpuSeconds: number;
  pdfCpuSeconds: number;
  pdfFirstCpuSeconds: number;
  /** inside each figure: the 20 address lookups alone (events, status, verdicts, explanation) */
  lookupsSeconds: number;
}

const REPLIES = [
  ['sent', '', 'sent (250 2.0.0 Ok: queued as 4DKx2F0v1Wz8p)'],
  ['bounce', 'false', '452 4.2.2 Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]'],
  ['bounce', 'true', "550 5.7.1 Unfortunately, messages from [87.253.232.12] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)."],
  ['bounce', 'true', "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos"],
  ['open', '', ''],
] as const;

export function writeEvents(file: string, addresses: number, perAddress: number): string[] {
  const emails = Array.from({ length: addresses }, (_, i) => `membre.${i}@${['gmail.com', 'orange.fr', 'hotmail.fr', 'free.fr'][i % 4]}`);
  const lines = ['event,time,MessageID,email,customcampaign,smtp_reply,hard_bounce,comment'];
  let id = 1;
  for (const email of emails) {
    for (let k = 0; k < perAddress; k++) {
      const [event, hard, text] = REPLIES[(k * 7 + email.length) % REPLIES.length];
      const time = 1609459200 + k * 3600;
      const reply = event === 'sent' ? text : '';
      const comment = event === 'bounce' ? text : '';
      lines.push([event, time, id++, email, `lettre-${k % 30}`, `"${reply}"`, hard, `"${comment.replace(/"/g, '""')}"`].join(','));
    }
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return emails;
}

export async function benchReport(options: { addresses?: number; eventsPerAddress?: number; /** a folder to keep the reports in, to look at them */ keepIn?: string } = {}): Promise<ReportBenchResult> {
  const addresses = options.addresses ?? 20;
  const perAddress = options.eventsPerAddress ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'rebond-report-bench-'));
  try {
    const file = join(dir, 'events.csv');
    const emails = writeEvents(file, addresses, perAddress);
    const engine = await createEngine({ dbPath: join(dir, 'w.duckdb') });
    try {
      await engine.importFiles({ paths: [file] });
      const time = async (format: 'md' | 'html' | 'csv' | 'pdf') => {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const out = await engine.report({ addresses: emails, format, lang: 'fr', timeZone: 'Europe/Paris' });
        if (options.keepIn) writeFileSync(join(options.keepIn, `report.${format}`), out.text ?? Buffer.from(out.base64 ?? '', 'base64'));
        const used = process.cpuUsage(cpu);
        return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, size: out.text?.length ?? Buffer.from(out.base64 ?? '', 'base64').length };
      };
      await time('md'); // the first lookups read the workspace from disk
      const md = await time('md');
      const html = await time('html');
      const csv = await time('csv');
      const start = performance.now();
      for (const address of emails) await engine.address({ address, lang: 'fr' });
      const lookupsSeconds = (performance.now() - start) / 1000;
      const pdfFirst = await time('pdf');
      const pdf = await time('pdf');
      return {
        addresses,
        eventsPerAddress: perAddress,
        mdSeconds: md.seconds,
        htmlSeconds: html.seconds,
        csvSeconds: csv.seconds,
        pdfFirstSeconds: pdfFirst.seconds,
        pdfSeconds: pdf.seconds,
        pdfBytes: pdf.size,
        mdCpuSeconds: md.cpuSeconds,
        pdfCpuSeconds: pdf.cpuSeconds,
        pdfFirstCpuSeconds: pdfFirst.cpuSeconds,
        lookupsSeconds,
      };
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const keep = process.argv.indexOf('--keep-in');
  const result = await benchReport({ keepIn: keep > 0 ? process.argv[keep + 1] : undefined });
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    const f = (s: number) => `${s.toFixed(2)} s`;
    process.stdout.write(
      `report of ${result.addresses} addresses × ${result.eventsPerAddress} events: Markdown ${f(result.mdSeconds)} (≤ 1 s), HTML ${f(result.htmlSeconds)} (≤ 1 s), ` +
        `CSV ${f(result.csvSeconds)}, PDF ${f(result.pdfSeconds)} (≤ 3 s; first in the process ${f(result.pdfFirstSeconds)}), ${Math.round(result.pdfBytes / 1024)} KiB; ` +
        `CPU: Markdown ${f(result.mdCpuSeconds)}, PDF ${f(result.pdfCpuSeconds)} (first ${f(result.pdfFirstCpuSeconds)}); ` +
        `of which the 20 address lookups ${f(result.lookupsSeconds)}\n`,
    );
  }
}
