/**
 * What an incident meant for one address, in the words of a ticket answer (SPEC §7): "your
 * e-mail of 18 Jan was sent 6 h after it was requested, during the platform-wide throttling of
 * 17–22 Jan".
 */
import type { Lang } from '../contract';
import type { DeliveryEvent } from '../model/event';
import { count, day, duration, percent } from './words';
import { HOUR, type Detected } from './types';
import { pluralOf } from '../model/lang';

function span(lang: Lang, d: Detected, timeZone: string): string {
  const last = d.end - HOUR;
  const a = day(lang, d.start, timeZone);
  const b = day(lang, Math.max(d.start, last), timeZone);
  return a === b ? a : `${a} – ${b}`;
}

export function addressSentence(d: Detected, events: readonly DeliveryEvent[], lang: Lang, timeZone: string): string {
  const e = events[0];
  const when = day(lang, Date.parse(e.time), timeZone);
  const fr = lang === 'fr';
  const late = e.delaySeconds !== null && e.delaySeconds > 60 ? duration(lang, e.delaySeconds) : null;
  const more = events.length > 1 ? (fr ? ` (et ${count(lang, events.length - 1)} ${pluralOf(lang, events.length - 1, { one: 'autre', other: 'autres' })})` : ` (and ${count(lang, events.length - 1)} more)`) : '';
  switch (d.kind) {
    case 'throttling':
      return fr
        ? `Votre e-mail du ${when}${more} est parti ${late ? `${late} après la demande, ` : ''}pendant le bridage de toute la plateforme (${span(lang, d, timeZone)}, ${count(lang, Number(d.metrics.capPerHour))} messages/heure au plus) : il a pu arriver avec des heures de retard.`
        : `Your e-mail of ${when}${more} was sent ${late ? `${late} after it was requested, ` : ''}during the platform-wide throttling of ${span(lang, d, timeZone)} (at most ${count(lang, Number(d.metrics.capPerHour))} messages an hour): it may have arrived hours late.`;
    case 'delay':
      return fr
        ? `Votre e-mail du ${when}${more} est parti ${late ?? 'en retard'} après sa mise en file, pendant les retards d’envoi du ${span(lang, d, timeZone)}.`
        : `Your e-mail of ${when}${more} left ${late ?? 'late'} after it was queued, during the sending delays of ${span(lang, d, timeZone)}.`;
    case 'provider_block':
      return fr
        ? `Refusée le ${when} avec ${count(lang, Math.max(0, Number(d.metrics.addresses) - 1))} autres adresses ${d.scope.domain} : un blocage de nos envois par ${d.scope.domain}, pas une adresse morte.`
        : `Refused on ${when} with ${count(lang, Math.max(0, Number(d.metrics.addresses) - 1))} other ${d.scope.domain} addresses: ${d.scope.domain} blocking our sending, not a dead address.`;
    case 'deferral_surge':
      return fr
        ? `Votre e-mail du ${when}${more} a été différé par ${d.scope.domain} pendant une vague d’envois différés (${span(lang, d, timeZone)}) ; il repasse en général tout seul.`
        : `Your e-mail of ${when}${more} was deferred by ${d.scope.domain} during a surge of deferrals (${span(lang, d, timeZone)}); such mail usually goes through on a retry.`;
    case 'complaint_spike':
      return fr
        ? `Sa plainte du ${when} fait partie du pic de plaintes du ${span(lang, d, timeZone)}.`
        : `Its complaint of ${when} is part of the complaint spike of ${span(lang, d, timeZone)}.`;
    case 'bounce_rate':
      return fr
        ? `Son rejet permanent du ${when} fait partie de la campagne « ${d.scope.campaign} », rejetée à ${percent(lang, Number(d.metrics.rate))} : une liste à nettoyer.`
        : `Its hard bounce of ${when} belongs to the campaign “${d.scope.campaign}”, which bounced at ${percent(lang, Number(d.metrics.rate))}: a list to clean.`;
  }
}
