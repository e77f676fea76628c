/** The detectors and the policy's view of provider blocks, as pure functions over plain rows. */
import { describe, expect, it } from 'vitest';
import { event } from '../policy/fixtures';
import { DEFAULT_INCIDENT_SETTINGS, parsePolicy, presetPolicy } from '../policy/settings';
import { reconstructAddress } from '../policy/reconstruct';
import type { SourceHourRow } from '../store/hourly';
import { detectThrottling } from './throttling';

const HOUR = 3_600_000;
const start = Date.UTC(2021, 0, 4) / HOUR; // a Monday
const shape = [1, 1, 1, 1, 1, 2, 5, 12, 30, 32, 31, 30, 25, 26, 31, 33, 30, 29, 24, 20, 14, 8, 4, 2];

/** Three weeks of hourly sends following the day's shape; weekends at 60 %, `holiday` at 30 %. */
function weeks(factor: (day: number, hour: number) => number): SourceHourRow[] {
  const rows: SourceHourRow[] = [];
  for (let day = 0; day < 21; day++) {
    for (let hour = 0; hour < 24; hour++) {
      const weekend = day % 7 >= 5;
      rows.push({ hour: start + day * 24 + hour, source: 'mailjet', type: 'delivered', count: Math.round(shape[hour] * (weekend ? 0.6 : 1) * factor(day, hour) * 10) });
    }
  }
  return rows;
}

describe('throttling', () => {
  const settings = DEFAULT_INCIDENT_SETTINGS.throttling;

  it('is not nights, weekends or a holiday', () => {
    expect(detectThrottling(weeks((day) => (day === 10 ? 0.3 : 1)), settings, 'UTC', [])).toEqual([]);
  });

  it('finds a cap held day and night while mail waited, and the backlog leaving after', () => {
    let backlog = 0;
    const rows = weeks(() => 1).map((r) => {
      const day = Math.floor((r.hour - start) / 24);
      if (day < 8 || day >= 11) {
        const count = r.count + (day === 11 ? backlog : 0);
        if (day === 11) backlog = 0;
        return { ...r, count };
      }
      backlog += r.count - 120; // at most 120 an hour for three days
      return { ...r, count: 120 };
    });
    const found = detectThrottling(rows, settings, 'UTC', [{ start: (start + 7 * 24) * HOUR, end: (start + 8 * 24) * HOUR, rate: 0.004, complaints: 40, delivered: 10_000 }]);
    expect(found).toHaveLength(1);
    expect(found[0].metrics.capPerHour).toBe(120);
    expect(found[0].start).toBe((start + 8 * 24) * HOUR);
    expect(found[0].end).toBe((start + 11 * 24) * HOUR);
    expect(found[0].metrics.complaintRiseRate).toBe(0.004);
    expect(found[0].summary.fr).toMatch(/^Envoi bridé à 120 messages\/heure/);
  });
});

describe('a cap still held when the export ends', () => {
  it('is reported from the held hours alone (no drain to see)', () => {
    const rows = weeks(() => 1).map((r) => (r.hour - start >= 18 * 24 ? { ...r, count: 120 } : r));
    const found = detectThrottling(rows, DEFAULT_INCIDENT_SETTINGS.throttling, 'UTC', []);
    expect(found.map((f) => [f.metrics.capPerHour, f.metrics.drainedPerHourAfter])).toEqual([[120, null]]);
    expect(found[0].summary.en).toMatch(/still held when the data ends/);
  });
});

describe('the policy hears of provider blocks', () => {
  const block = { id: 'b', domain: 'sfr.fr', start: '2021-02-10T09:00:00.000Z', end: '2021-02-10T10:00:00.000Z', addresses: 401 };
  const events = [
    event('2021-02-09T08:00:00.000Z', 'delivered', 'jean@sfr.fr'),
    event('2021-02-10T09:12:00.000Z', 'hard_bounce', 'jean@sfr.fr', { category: 'user_unknown', countsAgainstAddress: true, smtpCode: 550, enhancedCode: '5.1.1', diagnostic: '550 5.1.1 user unknown' }),
  ];

  it('does not count a hard bounce inside the block, and keeps it', () => {
    const h = reconstructAddress({ address: 'jean@sfr.fr', events, policy: presetPolicy('default'), providerBlocks: [block], at: '2021-03-01T00:00:00Z' });
    expect(h.status).toBe('ok');
    expect(h.excusedBounces).toEqual([{ time: '2021-02-10T09:12:00.000Z', domain: 'sfr.fr', block }]);
  });

  it('counts it when the policy file says so, or when the block is elsewhere', () => {
    const parsed = parsePolicy({ incidents: { providerBlock: { countsAgainstAddress: true } } });
    expect(parsed.ok).toBe(true);
    const policy = parsed.ok ? parsed.policy : presetPolicy('default');
    expect(reconstructAddress({ address: 'jean@sfr.fr', events, policy, providerBlocks: [block], at: '2021-03-01T00:00:00Z' }).status).toBe('long_quarantine');
    const elsewhere = { ...block, domain: 'orange.fr' };
    expect(reconstructAddress({ address: 'jean@sfr.fr', events, policy: presetPolicy('default'), providerBlocks: [elsewhere], at: '2021-03-01T00:00:00Z' }).status).toBe('long_quarantine');
  });

  it('refuses an unknown incident setting by name', () => {
    const parsed = parsePolicy({ incidents: { throttling: { capTolerence: 0.02 } } }, 'policy.json');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/incidents\.throttling: unknown setting "capTolerence"/);
  });
});
