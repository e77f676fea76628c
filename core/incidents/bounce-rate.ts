/**
 * Campaigns above 1 % hard bounces (seed 002: past it, the sending reputation suffers). Hard
 * bounces inside a provider block are left out: that provider refused us, the addresses are fine.
 */
import type { CampaignRow } from '../store/hourly';
import type { IncidentSettings } from '../policy/settings';
import { both, count, percent } from './words';
import { roundRate, type Detected } from './types';

export function detectBounceRates(campaigns: readonly CampaignRow[], inBlocks: ReadonlyMap<string, number>, settings: IncidentSettings['bounces']): Detected[] {
  const out: Detected[] = [];
  for (const c of campaigns) {
    if (c.sent < settings.minMessages) continue;
    const excluded = inBlocks.get(c.campaign) ?? 0;
    const hard = c.hardBounces - excluded;
    const rate = hard / c.sent;
    if (rate <= settings.campaignHardBounceRate) continue;
    out.push({
      kind: 'bounce_rate',
      start: Date.parse(c.first),
      end: Date.parse(c.last) + 1000,
      scope: { campaign: c.campaign },
      metrics: { hardBounces: hard, sent: c.sent, rate: roundRate(rate), limitRate: settings.campaignHardBounceRate, excludedProviderBlockBounces: excluded },
      series: [],
      exampleTypes: ['hard_bounce'],
      summary: both((lang) =>
        lang === 'fr'
          ? `Campagne « ${c.campaign} » : ${percent(lang, rate)} de rejets permanents (${count(lang, hard)} sur ${count(lang, c.sent)} envoyés), au-dessus de ${percent(lang, settings.campaignHardBounceRate)} : liste à nettoyer.`
          : `Campaign “${c.campaign}”: ${percent(lang, rate)} hard bounces (${count(lang, hard)} of ${count(lang, c.sent)} sent), above ${percent(lang, settings.campaignHardBounceRate)}: the list needs cleaning.`,
      ),
    });
  }
  return out;
}
