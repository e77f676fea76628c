/**
 * Scores a classifier on a labelled corpus: category accuracy, the confusion per expected
 * category, and the two error directions of `countsAgainstAddress` (a good address pushed toward
 * quarantine, a dead address missed). Used by the corpus tests and by `npx tsx` one-offs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Category, Classification, ClassifyInput } from '../../core/model/category';

export interface LabelledReply {
  /** where the row is in its file, for messages */
  where: string;
  input: ClassifyInput;
  text: string;
  /** acceptable categories, the first being the one the words support best */
  categories: readonly Category[];
  /** null: not scored for this direction (e.g. sisimai's "expired", where the policy decides) */
  countsAgainstAddress: boolean | null;
  source: string;
}

export interface Score {
  total: number;
  categoryOk: number;
  countsScored: number;
  countsOk: number;
  /** counts === true where the label says false: a good address pushed toward quarantine */
  pushedGood: LabelledReply[];
  /** counts === false where the label says true: a dead address left in the list */
  missedDead: LabelledReply[];
  misses: { row: LabelledReply; got: Classification }[];
  confusion: Map<string, Map<string, number>>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
export const WILD_CORPUS = path.join(ROOT, 'test/fixtures/classify-wild/replies.jsonl');
export const SISIMAI_CORPUS = path.join(ROOT, 'test/fixtures/corpus/sisimai_labelled.tsv');
export const SISIMAI_OVERRIDES = path.join(ROOT, 'test/fixtures/corpus/sisimai_overrides.tsv');

/** test/fixtures/classify-wild/replies.jsonl: one labelled reply per line. */
export function readWildCorpus(file = WILD_CORPUS): LabelledReply[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    const r = JSON.parse(line) as { text: string; code?: number | null; enhanced?: string | null; categories: Category[]; countsAgainstAddress: boolean; source: string };
    return [{
      where: `replies.jsonl:${i + 1}`,
      input: { diagnostic: r.text, smtpCode: r.code ?? null, enhancedCode: r.enhanced ?? null },
      text: r.text,
      categories: r.categories,
      countsAgainstAddress: r.countsAgainstAddress,
      source: r.source,
    }];
  });
}

/** The sisimai corpus's README mapping: sisimai reason → acceptable Rebond categories. */
export const SISIMAI_ACCEPTABLE: Readonly<Record<string, readonly Category[]>> = {
  userunknown: ['user_unknown'],
  hasmoved: ['user_unknown'],
  mailboxfull: ['mailbox_full'],
  suspend: ['mailbox_inactive'],
  hostunknown: ['domain_invalid'],
  notaccept: ['domain_invalid'],
  expired: ['expired', 'server_unavailable', 'domain_unreachable'],
  blocked: ['sender_blocklisted', 'rate_limited'],
  badreputation: ['sender_blocklisted', 'rate_limited'],
  rejected: ['sender_blocklisted', 'policy'],
  authfailure: ['auth_failure'],
  policyviolation: ['policy', 'spam_content'],
  contenterror: ['policy', 'spam_content'],
  notcompliantrfc: ['policy', 'spam_content'],
  virusdetected: ['policy', 'spam_content'],
  spamdetected: ['spam_content'],
  filtered: ['policy', 'spam_content', 'user_unknown'],
  networkerror: ['server_unavailable', 'domain_unreachable'],
  systemerror: ['server_unavailable'],
  systemfull: ['server_unavailable'],
  mailererror: ['server_unavailable'],
  requireptr: ['config'],
  syntaxerror: ['config'],
  securityerror: ['auth_failure', 'config', 'policy'],
  toomanyconn: ['rate_limited', 'config'],
  speeding: ['rate_limited'],
  norelaying: ['relay_denied'],
  mesgtoobig: ['message_too_large'],
  exceedlimit: ['message_too_large'],
};
export const SISIMAI_NOT_SCORED: ReadonlySet<string> = new Set(['delivered', 'feedback', 'vacation', 'onhold', 'undefined']);
/** reasons whose Rebond categories all count against the address, or all do not; others are not scored */
const SISIMAI_COUNTS = new Set(['userunknown', 'hasmoved', 'mailboxfull', 'suspend', 'hostunknown', 'notaccept']);
const SISIMAI_COUNTS_UNSCORED = new Set(['expired', 'filtered']);

interface Override {
  textStarts: string;
  categories: Category[];
  countsAgainstAddress: boolean;
  reason: string;
}

/**
 * test/fixtures/corpus/sisimai_overrides.tsv: the few rows where sisimai's reason contradicts a
 * written SPEC §4 definition, keyed by `sample_file#recipient_index`; each names the SPEC sentence.
 */
export function readSisimaiOverrides(file = SISIMAI_OVERRIDES): Map<string, Override> {
  const out = new Map<string, Override>();
  readFileSync(file, 'utf8').split('\n').slice(1).forEach((l, i) => {
    if (!l.trim()) return;
    const [sample, index, textStarts, categories, counts, reason] = l.split('\t');
    if (!reason || !['true', 'false'].includes(counts)) throw new Error(`sisimai_overrides.tsv line ${i + 2}: expected 6 columns, counts true or false, and a reason`);
    out.set(`${sample}#${index}`, { textStarts, categories: categories.split(',') as Category[], countsAgainstAddress: counts === 'true', reason });
  });
  return out;
}

/**
 * test/fixtures/corpus/sisimai_labelled.tsv. sisimai's own pseudo status codes (`X.0.9NN`)
 * encode sisimai's verdict, not a server's, so they are withheld. With `overrides`, the rows of
 * sisimai_overrides.tsv accept SPEC's category too (and take SPEC's countsAgainstAddress); the raw
 * figure (sisimai's labels only) is reported beside it.
 */
export function readSisimaiCorpus(file = SISIMAI_CORPUS, overrides?: ReadonlyMap<string, Override>): LabelledReply[] {
  const used = new Set<string>();
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [cCode, cEnh, cText, cReason, cSample, cIndex] = ['smtp_reply_code', 'enhanced_status', 'diagnostic_text', 'expected_reason', 'sample_file', 'recipient_index'].map(col);
  const rows = lines.slice(1).flatMap((l, i) => {
    if (!l) return [];
    const f = l.split('\t');
    const reason = f[cReason];
    if (SISIMAI_NOT_SCORED.has(reason)) return [];
    const categories = SISIMAI_ACCEPTABLE[reason];
    if (!categories) throw new Error(`sisimai_labelled.tsv line ${i + 2}: unmapped reason ${reason}`);
    const enh = f[cEnh] || null;
    const text = f[cText] ?? '';
    const key = `${f[cSample]}#${f[cIndex]}`;
    const o = overrides?.get(key);
    if (o && !text.startsWith(o.textStarts)) throw new Error(`sisimai_overrides.tsv: ${key} no longer starts with its text_starts`);
    if (o) used.add(key);
    return [{
      where: `sisimai_labelled.tsv:${i + 2} (${reason}${o ? ', SPEC override' : ''})`,
      input: { smtpCode: f[cCode] ? Number(f[cCode]) : null, enhancedCode: enh && !/^\d\.0\.9\d\d$/.test(enh) ? enh : null, diagnostic: text },
      text,
      categories: o ? [...o.categories, ...categories.filter((c) => !o.categories.includes(c))] : categories,
      countsAgainstAddress: o ? o.countsAgainstAddress : SISIMAI_COUNTS_UNSCORED.has(reason) ? null : SISIMAI_COUNTS.has(reason),
      source: f[cSample],
    }];
  });
  for (const key of overrides?.keys() ?? []) if (!used.has(key)) throw new Error(`sisimai_overrides.tsv: ${key} is not a scored row of sisimai_labelled.tsv`);
  return rows;
}

export function score(rows: readonly LabelledReply[], classify: (i: ClassifyInput) => Classification): Score {
  const s: Score = { total: 0, categoryOk: 0, countsScored: 0, countsOk: 0, pushedGood: [], missedDead: [], misses: [], confusion: new Map() };
  for (const row of rows) {
    const got = classify(row.input);
    s.total++;
    const expected = row.categories[0];
    const byExpected = s.confusion.get(expected) ?? new Map<string, number>();
    const cell = row.categories.includes(got.category) ? expected : got.category;
    byExpected.set(cell, (byExpected.get(cell) ?? 0) + 1);
    s.confusion.set(expected, byExpected);
    if (row.categories.includes(got.category)) s.categoryOk++;
    else s.misses.push({ row, got });
    if (row.countsAgainstAddress !== null) {
      s.countsScored++;
      if (got.countsAgainstAddress === row.countsAgainstAddress) s.countsOk++;
      else if (got.countsAgainstAddress) s.pushedGood.push(row);
      else s.missedDead.push(row);
    }
  }
  return s;
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(2)} %`);

/** A printable report: figures, the confusion per expected category, every miss. */
export function report(name: string, s: Score, classify: (i: ClassifyInput) => Classification): string {
  const lines = [
    `${name}: category ${s.categoryOk}/${s.total} = ${pct(s.categoryOk, s.total)}; countsAgainstAddress ${s.countsOk}/${s.countsScored} = ${pct(s.countsOk, s.countsScored)}`,
    `  good address pushed toward quarantine: ${s.pushedGood.length} (${pct(s.pushedGood.length, s.countsScored)}); dead address missed: ${s.missedDead.length} (${pct(s.missedDead.length, s.countsScored)})`,
    '  expected category   ok/total  → what else it became',
  ];
  for (const [expected, cells] of [...s.confusion.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = [...cells.values()].reduce((a, b) => a + b, 0);
    const ok = cells.get(expected) ?? 0;
    const other = [...cells.entries()].filter(([c]) => c !== expected).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}:${n}`).join(' ');
    lines.push(`  ${expected.padEnd(19)} ${String(ok).padStart(3)}/${String(total).padEnd(4)} ${other}`);
  }
  const show = (r: LabelledReply): string => {
    const v = classify(r.input);
    return `    ${r.where} want ${r.categories.join('|')} counts=${r.countsAgainstAddress} got ${v.category} (${v.rule}) counts=${v.countsAgainstAddress}: ${r.text.slice(0, 140)}`;
  };
  if (s.misses.length) lines.push(`  category misses (${s.misses.length}):`, ...s.misses.map((m) => show(m.row)));
  if (s.pushedGood.length) lines.push(`  pushed a good address toward quarantine (${s.pushedGood.length}):`, ...s.pushedGood.map(show));
  if (s.missedDead.length) lines.push(`  missed a dead address (${s.missedDead.length}):`, ...s.missedDead.map(show));
  return lines.join('\n');
}

/**
 * The held-out part used once to check that rules written from the rest generalise: about 20 %
 * of the SOURCES (file or page, not rows, so that one bounce collection is wholly in or out),
 * chosen by a fixed hash. Kept so that the figure in the closing note can be reproduced.
 */
export function isHeldOut(source: string): boolean {
  const key = source.replace(/ line \d+$/, '').replace(/ \(quoting .*$/, '');
  return createHash('sha1').update(`rebond-2026:${key}`).digest()[0] < 51;
}
