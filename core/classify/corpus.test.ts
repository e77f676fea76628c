/**
 * Scores the classifier on the real labelled corpus (test/fixtures/corpus/sisimai_labelled.tsv)
 * with the mapping table of that folder's README, and prints the confusion per category.
 *
 * Inputs given to classify(): the reply code, the enhanced status and the text. sisimai's own
 * pseudo status codes (`X.0.9NN`, e.g. 5.0.911 = "userunknown") are NOT real server codes — they
 * encode sisimai's verdict — so they are withheld; giving them would score sisimai, not Rebond.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Category } from '../model/category';
import { classify } from './classify';
import { SISIMAI_ACCEPTABLE, SISIMAI_NOT_SCORED } from '../../test/classify/score';

const CORPUS = path.resolve(import.meta.dirname, '../../test/fixtures/corpus/sisimai_labelled.tsv');

/** README mapping: sisimai reason → acceptable Rebond categories (absent = not scored); one table for every scorer. */
const ACCEPTABLE = SISIMAI_ACCEPTABLE;
const NOT_SCORED = SISIMAI_NOT_SCORED;

interface Row {
  line: number;
  code: number | null;
  enhanced: string | null;
  text: string;
  reason: string;
}

function readCorpus(): Row[] {
  const lines = readFileSync(CORPUS, 'utf8').split('\n');
  const header = lines[0].split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [cCode, cEnh, cText, cReason] = ['smtp_reply_code', 'enhanced_status', 'diagnostic_text', 'expected_reason'].map(col);
  return lines.slice(1).filter(Boolean).map((l, i) => {
    const f = l.split('\t');
    const enh = f[cEnh] || null;
    return {
      line: i + 2,
      code: f[cCode] ? Number(f[cCode]) : null,
      enhanced: enh && !/^\d\.0\.9\d\d$/.test(enh) ? enh : null,
      text: f[cText] ?? '',
      reason: f[cReason],
    };
  });
}

describe('corpus: sisimai_labelled.tsv', () => {
  it('puts ≥ 95 % of the scored rows in an acceptable category, and prints the confusion', () => {
    const rows = readCorpus();
    expect(rows.length).toBe(625);
    const confusion = new Map<string, Map<string, number>>();
    const misses: string[] = [];
    let scored = 0;
    let good = 0;
    for (const row of rows) {
      if (NOT_SCORED.has(row.reason)) continue;
      const acceptable = ACCEPTABLE[row.reason];
      expect(acceptable, `unmapped reason ${row.reason}`).toBeDefined();
      scored++;
      const v = classify({ smtpCode: row.code, enhancedCode: row.enhanced, diagnostic: row.text });
      const byReason = confusion.get(row.reason) ?? new Map<string, number>();
      byReason.set(v.category, (byReason.get(v.category) ?? 0) + 1);
      confusion.set(row.reason, byReason);
      if (acceptable.includes(v.category)) good++;
      else misses.push(`  line ${row.line} ${row.reason} → ${v.category} (${v.rule}): ${row.text.slice(0, 110)}`);
    }
    const table = [...confusion.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([reason, cats]) => {
        const total = [...cats.values()].reduce((a, b) => a + b, 0);
        const ok = [...cats.entries()].filter(([c]) => ACCEPTABLE[reason].includes(c as Category)).reduce((a, [, n]) => a + n, 0);
        const cells = [...cats.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}:${n}`).join(' ');
        return `${reason.padEnd(16)} ${String(ok).padStart(3)}/${String(total).padEnd(4)} ${cells}`;
      });
    const pct = (100 * good) / scored;
    console.log(
      `corpus: ${good}/${scored} scored rows acceptable = ${pct.toFixed(2)} %\n` +
        `sisimai reason   ok/total  Rebond categories\n${table.join('\n')}\nmisses (${misses.length}):\n${misses.join('\n')}`,
    );
    expect(pct).toBeGreaterThanOrEqual(95);
  });

  it('never counts a sender-reputation or spam verdict against the address', () => {
    for (const row of readCorpus()) {
      if (!['blocked', 'badreputation', 'spamdetected', 'authfailure', 'requireptr', 'speeding'].includes(row.reason)) continue;
      const v = classify({ smtpCode: row.code, enhancedCode: row.enhanced, diagnostic: row.text });
      expect(v.countsAgainstAddress, `line ${row.line}: ${v.category} ${v.rule}`).toBe(false);
    }
  });
});
