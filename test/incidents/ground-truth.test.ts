/**
 * Issue 15's "done when": on every demo dataset (several seeds and sizes) each incident the
 * generator injected is found — start and end within an hour, a throttling cap within 5 %, the
 * dominant deferral reason — and nothing else is reported; on calm datasets (nights, weekends,
 * holidays) the list is empty. The provider block's "user unknown" bounces leave the addresses
 * out of long quarantine, and the explanation names the block.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo, type GroundTruth, type InjectedIncident } from '../../core/demo/generate';
import { createEngine, type Engine } from '../../core/engine';
import type { Incident } from '../../core/contract';
import { computeIncidents, findProviderBlocks, forgetIncidents } from '../../core/incidents';
import { incidentSettingsOf, presetPolicy } from '../../core/policy/settings';
import { tempDir } from '../helpers';

const HOUR = 3_600_000;
const dirs: Array<{ remove: () => void }> = [];
/** each demo is generated and imported once, and read by every test that needs it (they only read) */
const made = new Map<string, Promise<{ engine: Engine; truth: GroundTruth }>>();
afterAll(async () => {
  for (const workspace of made.values()) await (await workspace).engine.close();
  dirs.forEach((d) => d.remove());
});

function demoWorkspace(events: number, seed: number, calm = false): Promise<{ engine: Engine; truth: GroundTruth }> {
  const key = `${events} ${seed} ${calm}`;
  if (!made.has(key)) made.set(key, makeWorkspace(events, seed, calm));
  return made.get(key)!;
}

async function makeWorkspace(events: number, seed: number, calm: boolean): Promise<{ engine: Engine; truth: GroundTruth }> {
  const dir = tempDir();
  dirs.push(dir);
  const { groundTruth } = await generateDemo({ out: dir.path, events, seed, calm });
  const engine = await createEngine({ dbPath: join(dir.path, 'w.duckdb') });
  await engine.setSettings({ timeZone: 'UTC', lang: 'en' });
  const files = readdirSync(dir.path).filter((f) => !f.startsWith('.') && !f.endsWith('.duckdb') && !f.endsWith('.wal'));
  const summary = await engine.importFiles({ paths: files.map((f) => join(dir.path, f)) });
  for (const file of summary.files) expect(file, file.path).toMatchObject({ ok: true, rejected: 0 });
  return { engine, truth: groundTruth };
}

const sameScope = (a: InjectedIncident['scope'], b: Incident['scope']) => (a?.domain ?? null) === (b.domain ?? null) && (a?.campaign ?? null) === (b.campaign ?? null);
const near = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) <= HOUR;

function matches(injected: InjectedIncident, found: Incident): boolean {
  return injected.kind === found.kind && sameScope(injected.scope, found.scope) && near(injected.start, found.start) && near(injected.end, found.end);
}

describe.each([
  [20_000, 1],
  [20_000, 2],
  [60_000, 3],
  [60_000, 4],
  [120_000, 5],
])('demo of %i events, seed %i', (events, seed) => {
  it('finds every injected incident, with its figures, and nothing else', async () => {
    const { engine, truth } = await demoWorkspace(events, seed);
    const found = await engine.incidents({});
    expect(truth.incidents.map((i) => i.kind).sort()).toEqual(
      expect.arrayContaining(['bounce_rate', 'complaint_spike', 'deferral_surge', 'deferral_surge', 'delay', 'provider_block', 'throttling']),
    );
    for (const injected of truth.incidents) {
      const hit = found.find((f) => matches(injected, f));
      expect(hit, `${injected.kind} ${JSON.stringify(injected.scope ?? {})} ${injected.start} → ${injected.end} in ${JSON.stringify(found.map((f) => [f.kind, f.scope, f.start, f.end]))}`).toBeDefined();
      if (injected.kind === 'throttling') {
        const cap = Number(injected.metrics.capPerHour);
        expect(Math.abs(Number(hit!.metrics.capPerHour) - cap) / cap).toBeLessThanOrEqual(0.05);
        expect(hit!.metrics.complaintRiseDay).toBe(truth.complaintSpikeDay);
      }
      if (injected.kind === 'deferral_surge') expect(hit!.metrics.dominantCategory).toBe(injected.metrics.dominantCategory);
      if (injected.kind === 'complaint_spike') expect(hit!.metrics.level).toBe(injected.metrics.level);
      // every rate comes with the volume behind it (SPEC §11.9)
      if ('rate' in hit!.metrics) expect(Object.keys(hit!.metrics)).toEqual(expect.arrayContaining(['rate']));
      expect(hit!.summary.length).toBeGreaterThan(20);
      expect(hit!.examples.length).toBeGreaterThan(0);
    }
    const extra = found.filter((f) => !truth.incidents.some((i) => matches(i, f)));
    expect(extra.map((f) => `${f.kind} ${f.start} ${f.summary}`)).toEqual([]);
  });

  it('finds the same provider blocks alone, as the policy asks for them, as among all the incidents', async () => {
    const { engine, truth } = await demoWorkspace(events, seed);
    const settings = incidentSettingsOf(presetPolicy('default'));
    forgetIncidents(engine.db);
    const alone = await findProviderBlocks(engine.db, settings, 'UTC');
    forgetIncidents(engine.db);
    const all = await computeIncidents(engine.db, settings, 'UTC');
    expect(alone.length).toBe(truth.incidents.filter((i) => i.kind === 'provider_block').length);
    expect(alone).toEqual(all.filter((d) => d.kind === 'provider_block').map(({ examples: _examples, ...found }) => found));
  });
});

describe.each([
  [20_000, 1],
  [60_000, 2],
  [120_000, 3],
])('calm dataset of %i events, seed %i', (events, seed) => {
  it('reports no incident: nights, weekends and holidays are not throttling', async () => {
    const { engine, truth } = await demoWorkspace(events, seed, true);
    expect(truth.incidents).toEqual([]);
    expect(await engine.incidents({})).toEqual([]);
  });
});

describe('a provider block (sfr.fr answering "550 5.1.1 user unknown" for an hour)', () => {
  it('leaves the refused addresses out of long quarantine, and says why', async () => {
    // the first demo above: generated once
    const { engine, truth } = await demoWorkspace(20_000, 1);
    const block = truth.incidents.find((i) => i.kind === 'provider_block')!;
    expect(block.scope?.domain).toBe('sfr.fr');
    expect(block.addresses!.length).toBeGreaterThanOrEqual(10);
    for (const address of block.addresses!) {
      const report = await engine.address({ address, at: truth.at, lang: 'en' });
      expect(report.events.some((e) => e.type === 'hard_bounce' && /5\.1\.1/.test(e.enhancedCode ?? ''))).toBe(true);
      expect(report.status, address).not.toBe('long_quarantine');
      expect(report.explanation).toMatch(/refused on 25 Jan 2021 with \d+ other sfr\.fr addresses within one hour: a block of our sending, not a dead address/);
      // and the message refused in the block was refused because of us, not because of the address
      const blocked = report.messages.filter((m) => m.category === 'user_unknown' || m.verdict === 'refused_sender_side');
      expect(blocked.length, address).toBeGreaterThan(0);
      for (const m of blocked) expect(m.verdict, address).toBe('refused_sender_side');
      const fr = await engine.address({ address, at: truth.at, lang: 'fr' });
      expect(fr.explanation).toMatch(/blocage de nos envois/);
    }
    const long = await engine.addresses({ status: 'long_quarantine', at: truth.at });
    expect(long.map((a) => a.address).filter((a) => block.addresses!.includes(a))).toEqual([]);

    // the same bounces count when the policy file says so
    const related = await engine.addressIncidents({ address: block.addresses![0], lang: 'en' });
    expect(related.map((r) => r.incident.kind)).toContain('provider_block');
    expect(related.find((r) => r.incident.kind === 'provider_block')!.sentence).toMatch(/^Refused on 25 Jan 2021 with \d+ other sfr\.fr addresses/);
  });
});
