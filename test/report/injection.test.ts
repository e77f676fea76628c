/**
 * Bounce texts and campaign names are written by strangers: through every report format they
 * must stay text — escaped in HTML, neutralised in CSV, unable to break Markdown's structure,
 * inert in the PDF.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../core/engine';
import { tempDir } from '../helpers';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '=HYPERLINK("http://evil.example/x","click me")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3+cmd',
  '\tTAB=1',
  'line one\nline two | cell ` tick ``` fence\n## heading [link](javascript:alert(3)) *bold* _em_ &amp;',
];
const ADDRESSES = PAYLOADS.map((_, i) => `victim${i}@example.org`);
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

const HEADER = 'event,time,MessageID,email,customcampaign,smtp_reply,blocked,hard_bounce,error_related_to,error,comment,Subject';
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

let dir: ReturnType<typeof tempDir>;
let engine: Engine;

beforeAll(async () => {
  dir = tempDir('rebond-injection-');
  const rows = PAYLOADS.flatMap((payload, i) => [
    // a hostile campaign name and subject on a delivery, a hostile server text on a bounce
    ['sent', 1610870400 + i * 60, 1000 + i, ADDRESSES[i], payload, 'sent (250 OK)', '', '', '', '', '', payload].map((v) => quote(String(v))).join(','),
    ['bounce', 1610956800 + i * 60, 2000 + i, ADDRESSES[i], payload, '', 'false', 'true', 'recipient', 'user unknown', payload, ''].map((v) => quote(String(v))).join(','),
  ]);
  const file = join(dir.path, 'hostile-events.csv');
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  engine = await createEngine({ dbPath: join(dir.path, 'w.duckdb') });
  const imported = await engine.importFiles({ paths: [file] });
  expect(imported.files[0]).toMatchObject({ ok: true, rejected: 0 });
  expect(imported.files[0].stored).toBe(PAYLOADS.length * 2);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  dir?.remove();
});

const render = async (format: 'md' | 'html' | 'csv' | 'pdf', lang: 'fr' | 'en' = 'en') => engine.report({ addresses: ADDRESSES, format, lang, timeZone: 'Europe/Paris' });

describe('untrusted texts in the report', () => {
  it('HTML: every text is escaped, no markup from the input survives', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const html = (await render('html', lang)).text!;
      expect(html).not.toMatch(/<script|<img|href=|src=[^x]/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
      // the subject too
      expect(html).toContain(lang === 'en' ? 'subject “&lt;script&gt;alert(1)&lt;/script&gt;”' : 'objet « &lt;script&gt;alert(1)&lt;/script&gt; »');
      // the only elements are the report's own
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1].toLowerCase()));
      expect([...tags].sort()).toEqual(['body', 'h1', 'h2', 'h3', 'head', 'html', 'li', 'meta', 'p', 'section', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr', 'ul']);
    }
  });

  it('Markdown: a newline, a | or a backtick stays inside its cell; no raw HTML', async () => {
    const md = (await render('md')).text!;
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/);
    // every backtick, pipe inside a cell and angle bracket from the input is backslashed
    for (const line of md.split('\n')) {
      expect(line).not.toMatch(/(^|[^\\])`/);
      if (line.startsWith('|')) {
        const unescapedPipes = line.match(/(^|[^\\])\|/g)?.length ?? 0;
        // 4 columns (messages) or 6 columns (evidence): 5 or 7 bars
        expect([5, 7]).toContain(unescapedPipes);
      }
    }
    // the injected "## heading" did not become a heading: headings are the report's own
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings.every((h) => /^#{1,3} (Remediation report|Summary|victim\d@example\.org|What happened to each e-mail|History|What to do|Good to know|Evidence)/.test(h))).toBe(true);
    expect(md).toContain('line one line two \\| cell \\` tick \\`\\`\\` fence ## heading \\[link\\](javascript:alert(3)) \\*bold\\* \\_em\\_ \\&amp;');
    // the subject, in the messages table, likewise
    expect(md).toContain('subject “line one line two \\| cell \\` tick');
  });

  it('CSV: no cell starts with = + - @ tab or carriage return', async () => {
    const csv = (await render('csv')).text!;
    const parsed = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const cells = parsed.data.flat();
    for (const cell of cells) expect(cell).not.toMatch(/^\s*[=+\-@]|^[\t\r]/);
    expect(cells).toContain('\'=HYPERLINK("http://evil.example/x","click me")');
    expect(cells).toContain("'+cmd|' /C calc'!A0");
    expect(cells).toContain("'@SUM(1)");
    expect(cells).toContain("'-2+3+cmd");
    // the subject column is neutralised like the others
    const subjects = parsed.data.slice(1).map((row) => row[parsed.data[0].indexOf('Subject')]);
    expect(subjects).toContain('\'=HYPERLINK("http://evil.example/x","click me")');
    expect(subjects).toContain("'@SUM(1)");
    // one row per event: a newline inside a text did not make a row
    expect(parsed.data).toHaveLength(1 + PAYLOADS.length * 2);
  });

  it.skipIf(!PDFTOTEXT)('PDF: the texts are shown as text, and the document has no link, script or action', async () => {
    const bytes = Buffer.from((await render('pdf')).base64!, 'base64');
    const raw = bytes.toString('latin1');
    expect(raw).not.toMatch(/\/JavaScript|\/JS\b|\/URI|\/Launch|\/OpenAction|\/AA\b|\/SubmitForm/);
    const path = join(dir.path, 'hostile.pdf');
    writeFileSync(path, bytes);
    const text = execFileSync(PDFTOTEXT!, [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('=HYPERLINK("http://evil.example/x","click me")');
    expect(text).toContain('subject “@SUM(1)”');
  }, 30_000);
});
