/**
 * Scores the classifier on every labelled corpus of real server replies (issue 14, SPEC §4):
 * test/fixtures/classify-wild/replies.jsonl (texts from bounce-parser fixtures, MTA test suites and
 * providers' published error references) and test/fixtures/corpus/sisimai_labelled.tsv. Prints the
 * confusion per expected category and both error directions of countsAgainstAddress, and fails
 * under the thresholds below.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../core/classify';
import { readSisimaiCorpus, readSisimaiOverrides, readWildCorpus, report, score } from './score';

/** issue 14's "done when" figures */
const MIN_CATEGORY = 0.97;
const MIN_COUNTS = 0.98;
const MAX_PUSHED_GOOD = 0.01;
/**
 * On sisimai's own labels (no override) the figures are lower: 11 of the misses are rows where
 * sisimai's reason contradicts a written SPEC §4 definition (an NXDOMAIN is domain_invalid, not
 * sisimai's networkerror; Yahoo's TSS04 volume deferral is rate_limited; a missing PTR is
 * config…), listed with the SPEC sentence in test/fixtures/corpus/sisimai_overrides.tsv. The raw
 * figures must meet the thresholds too; the overridden ones are printed beside them.
 */

describe('classifier on the real-world corpora', () => {
  it('the wild corpus is what the issue asks: ≥ 600 texts, ≥ 40 providers or MTAs, ≥ 5 languages, each with provenance', async () => {
    const { readFileSync } = await import('node:fs');
    const { WILD_CORPUS } = await import('./score');
    const rows = readFileSync(WILD_CORPUS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; source: string; provider: string; lang: string; categories: string[] });
    expect(rows.length).toBeGreaterThanOrEqual(600);
    // 'unidentified': the text names no provider nor MTA (anonymised hosts); not counted
    expect(new Set(rows.map((r) => r.provider).filter((p) => p !== 'unidentified')).size).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.lang)).size).toBeGreaterThanOrEqual(5);
    for (const r of rows) {
      expect(r.text.length, r.source).toBeGreaterThan(0);
      // a repository file (owner/name@commit:path) or a provider's published page
      expect(r.source, r.text).toMatch(/^\S+@[0-9a-f]{12}:\S|^https:\/\/\S+$/);
      expect(r.categories.length, r.text).toBeGreaterThan(0);
    }
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
  });

  const corpora = [
    ['classify-wild/replies.jsonl', () => readWildCorpus()],
    ['corpus/sisimai_labelled.tsv with SPEC overrides', () => readSisimaiCorpus(undefined, readSisimaiOverrides())],
  ] as const;
  for (const [name, read] of corpora) {
    it(`${name}: category ≥ 97 %, countsAgainstAddress ≥ 98 %, ≤ 1 % good addresses pushed toward quarantine`, () => {
      const rows = read();
      const s = score(rows, classify);
      console.log(report(name, s, classify));
      expect(s.total).toBe(rows.length);
      expect(s.categoryOk / s.total).toBeGreaterThanOrEqual(MIN_CATEGORY);
      expect(s.countsOk / s.countsScored).toBeGreaterThanOrEqual(MIN_COUNTS);
      expect(s.pushedGood.length / s.countsScored).toBeLessThanOrEqual(MAX_PUSHED_GOOD);
    });
  }

  it('corpus/sisimai_labelled.tsv on sisimai\'s own labels (raw): category ≥ 97 %, countsAgainstAddress ≥ 98 %, ≤ 1 % good addresses pushed toward quarantine', () => {
    const s = score(readSisimaiCorpus(), classify);
    console.log(report('corpus/sisimai_labelled.tsv raw (sisimai labels only)', s, classify));
    expect(s.categoryOk / s.total).toBeGreaterThanOrEqual(MIN_CATEGORY);
    expect(s.countsOk / s.countsScored).toBeGreaterThanOrEqual(MIN_COUNTS);
    expect(s.pushedGood.length / s.countsScored).toBeLessThanOrEqual(MAX_PUSHED_GOOD);
  });

  it('every SPEC override names the SPEC sentence and is one of few', () => {
    const overrides = readSisimaiOverrides();
    expect(overrides.size).toBeLessThanOrEqual(15);
    for (const [key, o] of overrides) expect(o.reason, key).toMatch(/"[a-z_]+ — [^"]+"/);
  });
});
