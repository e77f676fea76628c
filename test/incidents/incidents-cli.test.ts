/** `rebond incidents` as a user runs it (issue 15's contract): one JSON array, filters, languages, usage errors. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type GroundTruth } from '../../core/demo/generate';
import { createEngine } from '../../core/engine';
import { rebond, tempDir } from '../helpers';

const dir = tempDir();
const db = join(dir.path, 'w.duckdb');
const calmDb = join(dir.path, 'calm.duckdb');
const emptyDb = join(dir.path, 'empty.duckdb');
let truth: GroundTruth;

async function importDemo(out: string, dbPath: string, calm: boolean): Promise<GroundTruth> {
  const { groundTruth } = await generateDemo({ out, events: 20_000, seed: 1, calm });
  const engine = await createEngine({ dbPath });
  try {
    await engine.setSettings({ timeZone: 'UTC' });
    const files = readdirSync(out).filter((f) => !f.startsWith('.'));
    await engine.importFiles({ paths: files.map((f) => join(out, f)) });
  } finally {
    await engine.close();
  }
  return groundTruth;
}

beforeAll(async () => {
  truth = await importDemo(join(dir.path, 'demo'), db, false);
  await importDemo(join(dir.path, 'calm'), calmDb, true);
  await (await createEngine({ dbPath: emptyDb })).close();
});
afterAll(() => dir.remove());

async function incidents(args: string[]) {
  const r = await rebond(['incidents', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('rebond incidents --json', () => {
  it('prints one array of incidents with kind, window, scope, metrics, summary and examples', async () => {
    const list = await incidents(['--db', db, '--json', '--lang', 'en']);
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((i: { kind: string }) => i.kind).sort()).toEqual(truth.incidents.map((i) => i.kind).sort());
    for (const i of list) {
      expect(Object.keys(i).sort()).toEqual(['end', 'examples', 'kind', 'metrics', 'scope', 'start', 'summary']);
      expect(Date.parse(i.end)).toBeGreaterThan(Date.parse(i.start));
      expect(Object.keys(i.scope).every((k) => k === 'domain' || k === 'campaign')).toBe(true);
    }
    const throttling = list.find((i: { kind: string }) => i.kind === 'throttling');
    expect(throttling.scope).toEqual({});
    expect(throttling.metrics.capPerHour).toBe(truth.throttling!.capPerHour);
    expect(throttling.summary).toMatch(/^Sending held at \d+ messages\/hour/);
    const greylisting = list.find((i: { kind: string; scope: { domain?: string } }) => i.kind === 'deferral_surge' && i.scope.domain === 'orange.fr');
    expect(greylisting.metrics).toMatchObject({ dominantCategory: 'greylisted' });
    expect(greylisting.metrics.attempts).toBeGreaterThan(greylisting.metrics.deferred);
    expect(greylisting.examples[0].diagnostic).toMatch(/Greylisting in action/);
    const bounce = list.find((i: { kind: string }) => i.kind === 'bounce_rate');
    expect(bounce.scope).toEqual({ campaign: 'relance-anciens-adherents' });
    expect(bounce.metrics.rate).toBeGreaterThan(0.01);
    expect(bounce.metrics.sent).toBeGreaterThan(200);
  });

  it('filters by kind and by time, and speaks French', async () => {
    const only = await incidents(['--db', db, '--json', '--kind', 'provider_block', '--lang', 'fr']);
    expect(only).toHaveLength(1);
    expect(only[0].scope).toEqual({ domain: 'sfr.fr' });
    expect(only[0].summary).toMatch(/^sfr\.fr a refusé \d+ adresses .* un blocage de nos envois, pas des adresses mortes\.$/);
    const january13 = await incidents(['--db', db, '--json', '--from', '2021-01-13T00:00:00Z', '--to', '2021-01-14T00:00:00Z']);
    expect(january13.map((i: { kind: string; scope: { domain?: string } }) => `${i.kind} ${i.scope.domain}`)).toEqual(['deferral_surge orange.fr']);
  });

  it('prints [] for an empty workspace and for a calm one', async () => {
    expect(await incidents(['--db', emptyDb, '--json'])).toEqual([]);
    expect(await incidents(['--db', calmDb, '--json'])).toEqual([]);
    const text = await rebond(['incidents', '--db', calmDb, '--lang', 'en']);
    expect(text.stdout.trim()).toBe('No incident.');
  });

  it('refuses an unknown kind as wrong usage', async () => {
    const r = await rebond(['incidents', '--db', db, '--kind', 'storm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--kind: "storm" is not a kind of incident/);
  });
});
