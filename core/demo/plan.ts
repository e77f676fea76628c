/**
 * When and how hard the demo's platform is hit: the incidents `rebond demo` injects (SPEC §6),
 * varied by seed, and the shape of ordinary demand (nights, weekends, holidays) that must never
 * look like an incident. Seed 1 is seed 000's story: Mailjet held the platform to a cap from 17
 * to 22 January 2021 after a complaint spike on the 16th.
 */
import { seededRandom } from './random';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Share of a day's transactional mail sent in each UTC hour (France is UTC+1 in winter). */
const HOURLY_SHAPE = [0.15, 0.12, 0.1, 0.1, 0.12, 0.2, 0.4, 0.8, 1.6, 1.6, 1.6, 1.6, 1.3, 1.3, 1.6, 1.6, 1.6, 1.6, 1.3, 1.3, 1.3, 0.9, 0.5, 0.3];
const SHAPE_MEAN = HOURLY_SHAPE.reduce((a, b) => a + b, 0) / 24;

export interface CampaignPlan {
  id: number;
  name: string;
  /** when the sends are requested: spread over `hours` from `start` */
  start: number;
  hours: number;
  /** share of extra never-delivered addresses (an old imported list): seed 002's 1 % limit */
  deadShare: number;
}

export interface DemoPlan {
  start: number;
  end: number;
  holidays: number[];
  campaigns: CampaignPlan[];
  /** the platform's own Postfix newsletters */
  newsletters: Array<{ name: string; start: number; hours: number }>;
  throttling: { start: number; end: number; capShareOfAverage: number } | null;
  complaintSpike: { day: number; rate: number } | null;
  providerBlock: { domain: string; start: number; end: number } | null;
  greylisting: { domain: string; start: number; end: number; share: number } | null;
  ipBlock: { domain: string; start: number; end: number } | null;
  queueStall: { start: number; end: number } | null;
}

const utc = (month: number, day: number, hour = 0, minute = 0, year = 2021) => Date.UTC(year, month, day, hour, minute);

/** Demand factor of one instant: the hour's share, the weekday, the holidays. */
export function demandFactor(plan: DemoPlan, ms: number): number {
  const date = new Date(ms);
  const dayStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = date.getUTCDay();
  const day = plan.holidays.includes(dayStart) ? 0.3 : weekday === 0 || weekday === 6 ? 0.6 : 1.16;
  return (HOURLY_SHAPE[date.getUTCHours()] / SHAPE_MEAN) * day;
}

export function demoPlan(seed: number, calm: boolean): DemoPlan {
  if (calm) {
    // three quiet weeks over Christmas: nights, weekends, two holidays and nothing else
    const start = utc(11, 14, 0, 0, 2020);
    const day = (n: number, hour: number) => start + n * DAY + hour * HOUR;
    return {
      start,
      end: start + 21 * DAY,
      holidays: [utc(11, 25, 0, 0, 2020), utc(0, 1)],
      campaigns: [
        { id: 6001, name: 'ouverture-commande-14-12', start: day(0, 8), hours: 2, deadShare: 0 },
        { id: 6002, name: 'rappel-distribution-17-12', start: day(3, 16), hours: 2, deadShare: 0 },
        { id: 6003, name: 'ouverture-commande-21-12', start: day(7, 8), hours: 2, deadShare: 0 },
        { id: 6004, name: 'rappel-distribution-23-12', start: day(9, 16), hours: 2, deadShare: 0 },
        { id: 6005, name: 'ouverture-commande-28-12', start: day(14, 8), hours: 2, deadShare: 0 },
        { id: 6006, name: 'rappel-distribution-30-12', start: day(16, 16), hours: 2, deadShare: 0 },
      ],
      newsletters: [
        { name: 'lettre-producteurs-16-12', start: day(2, 14), hours: 3 },
        { name: 'lettre-producteurs-22-12', start: day(8, 14), hours: 3 },
        { name: 'lettre-producteurs-29-12', start: day(15, 10), hours: 3 },
      ],
      throttling: null,
      complaintSpike: null,
      providerBlock: null,
      greylisting: null,
      ipBlock: null,
      queueStall: null,
    };
  }
  const r = seededRandom((seed ^ 0x5eed1e) >>> 0);
  const story = seed === 1;
  // other seeds start the limit on a Monday morning, as the week's first campaign leaves: a cap
  // that began on a quiet Sunday is only reached now and then, and no data can date it to the hour
  const throttleDay = story ? 17 : 18;
  const throttleHour = story ? 9 : 8 + Math.floor(r() * 4);
  const throttleEnd = story ? utc(0, 23) : utc(0, 22, 12 + Math.floor(r() * 8));
  const blockDomain = story ? 'sfr.fr' : ['sfr.fr', 'laposte.net', 'yahoo.fr'][Math.floor(r() * 3)];
  const blockMinutes = story ? 60 : 60 + Math.floor(r() * 61);
  const ipBlockMinutes = 120 + Math.floor(r() * 61);
  const stallMinutes = 60 + Math.floor(r() * 31);
  return {
    start: utc(0, 11),
    end: utc(1, 1),
    holidays: [],
    campaigns: [
      { id: 7001, name: 'ouverture-commande-11-01', start: utc(0, 11, 8), hours: 2, deadShare: 0 },
      { id: 7002, name: 'rappel-distribution-14-01', start: utc(0, 14, 16), hours: 2, deadShare: 0 },
      { id: 7003, name: 'ouverture-commande-18-01', start: utc(0, 18, 8), hours: 2, deadShare: 0 },
      { id: 7004, name: 'rappel-distribution-21-01', start: utc(0, 21, 16), hours: 2, deadShare: 0 },
      { id: 7005, name: 'ouverture-commande-25-01', start: utc(0, 25, 8), hours: 2, deadShare: 0 },
      // sent to an old imported list: seed 002's campaign above 1 % hard bounces
      { id: 7007, name: 'relance-anciens-adherents', start: utc(0, 27, 10), hours: 2, deadShare: story ? 0.03 : 0.025 + r() * 0.015 },
      { id: 7006, name: 'rappel-distribution-28-01', start: utc(0, 28, 16), hours: 2, deadShare: 0 },
    ],
    newsletters: [
      { name: 'lettre-producteurs-13-01', start: utc(0, 13, 14), hours: 3 },
      { name: 'lettre-producteurs-19-01', start: utc(0, 19, 14), hours: 3 },
      { name: 'lettre-producteurs-26-01', start: utc(0, 26, 10), hours: 3 },
    ],
    throttling: { start: utc(0, throttleDay, throttleHour), end: throttleEnd, capShareOfAverage: story ? 0.9 : 0.75 + r() * 0.3 },
    complaintSpike: { day: utc(0, throttleDay - 1), rate: 0.004 + r() * 0.004 },
    providerBlock: { domain: blockDomain, start: utc(0, 25, 8), end: utc(0, 25, 8) + blockMinutes * 60_000 },
    greylisting: { domain: 'orange.fr', start: utc(0, 13, 14), end: utc(0, 13, 16, 30), share: 0.7 },
    ipBlock: { domain: 'free.fr', start: utc(0, 19, 14), end: utc(0, 19, 14) + ipBlockMinutes * 60_000 },
    queueStall: { start: utc(0, 26, 10), end: utc(0, 26, 10) + stallMinutes * 60_000 },
  };
}
