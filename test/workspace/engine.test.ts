/**
 * The Engine as the shells use it: requests that arrive before the last one is answered, the
 * overview in the agent's own days, and settings that refuse what would break later screens.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, eventCount, withEngine, withEnv } from '../helpers';

const CSV = join(FIXTURES, 'mailjet', 'events.csv');

describe('Engine', () => {
  it('answers overlapping requests as if they had come one at a time', async () => {
    await withEngine(async (engine) => {
      // what the app does while a file imports: search, look an address up, redraw the overview
      const calls: Promise<unknown>[] = [engine.importFiles({ paths: [CSV] })];
      for (let i = 0; i < 5; i++) {
        calls.push(engine.searchAddresses({ query: 'paul' }));
        calls.push(engine.address({ address: 'paul.durand@orange.fr' }));
        calls.push(engine.overview({}));
        calls.push(engine.listImports({}));
      }
      calls.push(engine.importFiles({ paths: [CSV] }));
      const results = await Promise.allSettled(calls);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

      const second = results.at(-1) as PromiseFulfilledResult<{ files: { stored: number; duplicates: number }[] }>;
      expect(second.value.files[0]).toMatchObject({ stored: 0, duplicates: 11 });
      expect(await eventCount(engine)).toBe(11);
      expect((await engine.address({ address: 'paul.durand@orange.fr' })).events).toHaveLength(4);
    });
  });

  it('keeps answering after a request fails', async () => {
    await withEngine(async (engine) => {
      const failing = engine.removeImport({ id: 999 });
      const next = engine.listImports({});
      await expect(failing).rejects.toThrow('There is no import number 999');
      await expect(next).resolves.toEqual([]);
    });
  });

  it('counts complaint days in the workspace time zone', async () => {
    await withEngine(async (engine, dir) => {
      // 23:30 UTC on 2 March is 00:30 on 3 March in Paris
      const file = join(dir, 'late.csv');
      writeFileSync(
        file,
        [
          'event,time,email',
          `sent,${Date.parse('2021-03-02T23:30:00Z') / 1000},a@example.org`,
          `spam,${Date.parse('2021-03-02T23:40:00Z') / 1000},a@example.org`,
          `sent,${Date.parse('2021-03-02T12:00:00Z') / 1000},b@example.org`,
        ].join('\n') + '\n',
      );
      expect((await engine.importFiles({ paths: [file] })).files[0]).toMatchObject({ ok: true, stored: 3 });

      await engine.setSettings({ timeZone: 'UTC' });
      const utc = await engine.overview({ bucket: 'day' });
      expect(utc.complaintRate.map((d) => [d.day, d.messages, d.complaints])).toEqual([['2021-03-02', 2, 1]]);
      expect(utc.volume).toHaveLength(1);

      await engine.setSettings({ timeZone: 'Europe/Paris' });
      const paris = await engine.overview({ bucket: 'day' });
      expect(paris.complaintRate.map((d) => [d.day, d.messages, d.complaints])).toEqual([
        ['2021-03-02', 1, 0],
        ['2021-03-03', 1, 1],
      ]);
      expect(paris.volume.map((p) => p.time)).toEqual(['2021-03-02T12:00:00.000Z', '2021-03-02T23:00:00.000Z']);
    });
  });

  it('refuses a policy file that does not load, and keeps the settings it had', async () => {
    await withEngine(async (engine, dir) => {
      const broken = join(dir, 'policy.json');
      writeFileSync(broken, '{ "softQuarantineDays": "seven" ');
      await expect(engine.setSettings({ policyFile: broken })).rejects.toThrow(/policy/i);
      await expect(engine.setSettings({ policyFile: join(dir, 'missing.json') })).rejects.toThrow(/missing\.json/);
      expect((await engine.getSettings({})).policyFile).toBeNull();
    });
  });

  it('reads a zone-less Mailjet time as UTC in CSV and JSON alike, whatever the machine zone', async () => {
    await withEnv('TZ', 'America/New_York', () =>
      withEngine(async (engine, dir) => {
        const csv = join(dir, 'events.csv');
        const json = join(dir, 'events.jsonl');
        writeFileSync(csv, 'event,time,email\nsent,2021-03-02 10:00:00,a@example.org\n');
        writeFileSync(json, '{"event":"sent","time":"2021-03-02T10:00:00","email":"a@example.org"}\n');
        await engine.importFiles({ paths: [csv] });
        expect((await engine.importFiles({ paths: [json] })).files[0]).toMatchObject({ stored: 0, duplicates: 1 });
        expect((await engine.address({ address: 'a@example.org' })).events[0].time).toBe('2021-03-02T10:00:00.000Z');
      }),
    );
  });
});
