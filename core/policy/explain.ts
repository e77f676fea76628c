/**
 * One paragraph, in the seeds' voice, that says why an address has its status (SPEC §5 end, §8):
 * "2ᵉ quarantaine temporaire (14 jours, jusqu’au 12/02/2021) après « 452 4.2.2 mailbox full » de
 * gmail.com le 29/01/2021." Texts are tables (fr/en) of templates with {placeholders}.
 *
 * The French words follow the Imprimerie nationale convention: U+00A0 (no-break space) before
 * « : » and inside « », U+202F (narrow no-break space) before « ; », « ? » and « ! »; checked by
 * test/language/french-typography.test.ts.
 */
import type { PeriodCause, Release } from '../model/status';
import type { AddressHistory, PolicyPeriod } from './reconstruct';

export type Lang = 'fr' | 'en';

interface TextTable {
  ordinalFem: (n: number) => string; // quarantaine (fr feminine)
  ordinalMasc: (n: number) => string; // rejet (fr masculine)
  months: readonly string[] | null; // null: numeric dd/mm/yyyy
  quote: string; // «{text}» / “{text}”
  cause: string;
  asOf: string;
  soft: string;
  softImported: string;
  softNext: string;
  softNextLong: string;
  longHardMajor: string;
  longHardOther: string;
  longHardStrict: string;
  longSoft: string;
  longImported: string;
  invalidImported: string;
  longEnds: string;
  blacklisted: string;
  blacklistedAccount: string;
  blacklistedImported: string;
  blacklistRelease: string;
  filtered: string;
  unsubscribed: string;
  alsoUnsubscribed: string;
  alsoLong: string;
  alsoSoft: string;
  ok: string;
  okLastDelivery: string;
  okPendingHard: string;
  okSoftLevel: string;
  okSoftLevelOne: string;
  okIgnored: string;
  okIgnoredOne: string;
  providerBlock: string;
  unknown: string;
  released: string;
  statusNames: Record<'soft_quarantine' | 'long_quarantine' | 'blacklisted', string>;
  importRef: string;
  categories: Record<string, string>;
}

export const EXPLANATION_TEXTS: Record<Lang, TextTable> = {
  fr: {
    ordinalFem: (n) => (n === 1 ? '1ʳᵉ' : `${n}ᵉ`),
    ordinalMasc: (n) => (n === 1 ? '1er' : `${n}ᵉ`),
    months: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
    quote: '« {text} »',
    cause: '{quoted} de {domain} le {date}',
    asOf: 'Au {date} : ',
    soft: "{ord} quarantaine temporaire ({days} jours, jusqu’au {until}) après {cause}.",
    softImported: "Quarantaine temporaire importée d’un outil précédent ({ref}), jusqu’au {until}.",
    softNext: ' Au prochain rejet temporaire sans remise entre-temps : {ord} quarantaine ({days} jours).',
    softNextLong: ' Au prochain rejet temporaire sans remise entre-temps : quarantaine longue durée.',
    longHardMajor: 'Quarantaine longue durée après le rejet permanent {cause} : chez un grand domaine, le 1er rejet permanent suffit.',
    longHardOther: "Quarantaine longue durée après le {ord} rejet permanent {cause} : {domain} n’est pas un grand domaine, il en faut {needed} (le précédent le {previous}).",
    longHardStrict: "Quarantaine longue durée après le rejet permanent {cause} : la politique stricte l’applique dès le 1er rejet permanent, quel que soit le domaine.",
    longSoft: 'Quarantaine longue durée depuis le {date} : les rejets temporaires ont continué après la {ord} quarantaine temporaire sans aucune remise entre-temps (dernier : {cause}).',
    longImported: "Quarantaine longue durée importée d’un outil précédent ({ref}) depuis le {date}. Un historique importé peut être erroné (par exemple un simple désinscrit) : vérifiez cet import.",
    invalidImported: "Adresse marquée invalide dans une liste importée ({ref}) depuis le {date} : traitée comme une quarantaine longue durée. Un historique importé peut être erroné : vérifiez cet import.",
    longEnds: " Elle ne prend fin que par une sortie manuelle : au pire l’adresse rejettera de nouveau et retournera en quarantaine.",
    blacklisted: 'Liste noire : la personne a signalé un message comme spam le {date}{account}. La liste noire ne vaut que pour cette licence.',
    blacklistedAccount: ' (licence {account})',
    blacklistedImported: "Liste noire importée d’un outil précédent ({ref}) depuis le {date}.",
    blacklistRelease: ' Pour la sortir de la liste noire, il faut une demande écrite de la personne elle-même (risque légal).',
    filtered: "Adresse filtrée : {domain} est un domaine d’adresses jetables (type yopmail), filtré dès le premier envoi le {date}. Demandez une adresse durable à la personne.",
    unsubscribed: "Désinscrite depuis le {date} : la personne a demandé à ne plus recevoir vos messages. Ne la réinscrivez pas sans son accord.",
    alsoUnsubscribed: ' Elle est aussi désinscrite depuis le {date}.',
    alsoLong: ' Elle est aussi en quarantaine longue durée depuis le {date}.',
    alsoSoft: " Elle est aussi en quarantaine temporaire jusqu’au {until}.",
    ok: 'Aucune quarantaine ni liste noire en cours.',
    okLastDelivery: ' Dernière remise le {date}.',
    okPendingHard: ' {count} rejet permanent {cause} : un {ord} la placera en quarantaine longue durée.',
    okSoftLevel: ' Déjà {count} quarantaines temporaires sans remise depuis : la prochaine durera {days} jours.',
    okSoftLevelOne: ' Déjà une quarantaine temporaire sans remise depuis : la prochaine durera {days} jours.',
    okIgnored: ' {count} rejets dus à l’expéditeur (réputation, liste de blocage, configuration, contenu) n’ont pas compté contre l’adresse.',
    okIgnoredOne: ' Un rejet dû à l’expéditeur (réputation, liste de blocage, configuration, contenu) n’a pas compté contre l’adresse.',
    providerBlock: " Rejet permanent du {date} non compté : refusée avec {others} autres adresses {domain} en {span} : c’est un blocage de nos envois, pas une adresse morte.",
    unknown: 'Adresse inconnue : aucun événement pour elle dans les données importées.',
    released: ' Sortie de {status} par {by} le {date}, motif : « {reason} ».',
    statusNames: { soft_quarantine: 'quarantaine temporaire', long_quarantine: 'quarantaine longue durée', blacklisted: 'liste noire' },
    importRef: 'import n°{id}, {file}, ligne {line}',
    categories: {
      mailbox_full: 'boîte pleine',
      user_unknown: 'adresse inexistante',
      address_invalid: 'adresse invalide',
      mailbox_inactive: 'boîte désactivée',
      domain_invalid: 'domaine inexistant',
      expired: 'délai de remise dépassé',
      complaint: 'signalement comme spam',
      unsubscribe: 'désinscription',
      soft_bounce: 'rejet temporaire',
      hard_bounce: 'rejet permanent',
      deferred: 'remise différée',
    },
  },
  en: {
    ordinalFem: (n) => ordinalEn(n),
    ordinalMasc: (n) => ordinalEn(n),
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    quote: '“{text}”',
    cause: '{quoted} from {domain} on {date}',
    asOf: 'As of {date}: ',
    soft: '{ord} temporary quarantine ({days} days, until {until}) after {cause}.',
    softImported: 'Temporary quarantine imported from a previous tool ({ref}), until {until}.',
    softNext: ' Next counting soft bounce with no delivery in between: {ord} temporary quarantine ({days} days).',
    softNextLong: ' Next counting soft bounce with no delivery in between: long quarantine.',
    longHardMajor: 'Long quarantine after the hard bounce {cause}: at a major domain the 1st hard bounce is enough.',
    longHardOther: 'Long quarantine after the {ord} hard bounce {cause}: {domain} is not a major domain, it takes {needed} (the previous one on {previous}).',
    longHardStrict: 'Long quarantine after the hard bounce {cause}: the strict policy applies it at the 1st hard bounce, whatever the domain.',
    longSoft: 'Long quarantine since {date}: soft bounces kept coming after the {ord} temporary quarantine with no delivery in between (last: {cause}).',
    longImported: 'Long quarantine imported from a previous tool ({ref}) since {date}. An imported history can be wrong (e.g. a mere unsubscribe): check that import.',
    invalidImported: 'Marked invalid in an imported list ({ref}) since {date}: treated as a long quarantine. An imported history can be wrong: check that import.',
    longEnds: ' It ends only when an agent releases it: at worst the address bounces again and goes back to quarantine.',
    blacklisted: 'Blacklisted: the person reported a message as spam on {date}{account}. The blacklist applies to this sender account only.',
    blacklistedAccount: ' (account {account})',
    blacklistedImported: 'Blacklist imported from a previous tool ({ref}) since {date}.',
    blacklistRelease: ' Taking it off the blacklist requires a written request from the person (legal risk).',
    filtered: 'Filtered: {domain} is a disposable-address domain (yopmail-type), filtered from the first send on {date}. Ask the person for a lasting address.',
    unsubscribed: 'Unsubscribed since {date}: the person asked to stop receiving your messages. Do not resubscribe them without their consent.',
    alsoUnsubscribed: ' The address is also unsubscribed since {date}.',
    alsoLong: ' It is also in long quarantine since {date}.',
    alsoSoft: ' It is also in temporary quarantine until {until}.',
    ok: 'No quarantine or blacklist in force.',
    okLastDelivery: ' Last delivery on {date}.',
    okPendingHard: ' {count} hard bounce {cause}: a {ord} one will put it in long quarantine.',
    okSoftLevel: ' Already {count} temporary quarantines with no delivery since: the next one will last {days} days.',
    okSoftLevelOne: ' Already one temporary quarantine with no delivery since: the next one will last {days} days.',
    okIgnored: ' {count} bounces caused by the sender (reputation, blocklist, configuration, content) did not count against the address.',
    okIgnoredOne: ' One bounce caused by the sender (reputation, blocklist, configuration, content) did not count against the address.',
    providerBlock: ' The hard bounce of {date} does not count: refused on {date} with {others} other {domain} addresses within {span}: a block of our sending, not a dead address.',
    unknown: 'Unknown address: no event for it in the imported data.',
    released: ' Released from {status} by {by} on {date} because “{reason}”.',
    statusNames: { soft_quarantine: 'temporary quarantine', long_quarantine: 'long quarantine', blacklisted: 'the blacklist' },
    importRef: 'import #{id}, {file}, line {line}',
    categories: {
      mailbox_full: 'mailbox full',
      user_unknown: 'unknown user',
      address_invalid: 'invalid address',
      mailbox_inactive: 'mailbox disabled',
      domain_invalid: 'domain does not exist',
      expired: 'delivery expired',
      complaint: 'spam report',
      unsubscribe: 'unsubscribe',
      soft_bounce: 'soft bounce',
      hard_bounce: 'hard bounce',
      deferred: 'deferral',
    },
  },
};

function ordinalEn(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

// ---------------------------------------------------------------------------------------------
// Dates: Intl gives the calendar day in the agent’s time zone; the table gives the spelling (ICU
// versions disagree on "Sep"/"Sept").

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatDay(iso: string, lang: Lang, timeZone = 'UTC'): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormatters.set(timeZone, f);
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  let day = '', month = '', year = '';
  for (const part of f.formatToParts(ms)) {
    if (part.type === 'day') day = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'year') year = part.value;
  }
  const months = EXPLANATION_TEXTS[lang].months;
  if (months) return `${Number(day)} ${months[Number(month) - 1]} ${year}`;
  return `${day.padStart(2, '0')}/${month.padStart(2, '0')}/${year}`;
}

// ---------------------------------------------------------------------------------------------

/** The server’s words, as given: "452 4.2.2 mailbox full" (code and enhanced code once). */
export function serverText(cause: PeriodCause, lang: Lang): string {
  const diag = (cause.diagnostic ?? '').replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  if (cause.smtpCode !== null && cause.smtpCode !== undefined && !diag.startsWith(String(cause.smtpCode))) parts.push(String(cause.smtpCode));
  if (cause.enhancedCode && !diag.includes(cause.enhancedCode)) parts.push(cause.enhancedCode);
  if (diag) parts.push(diag);
  let text = parts.join(' ');
  if (!text) {
    const t = EXPLANATION_TEXTS[lang].categories;
    text = (cause.category && t[cause.category]) || t[cause.type] || cause.category || cause.type;
  }
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function causePhrase(cause: PeriodCause, lang: Lang, tz: string): string {
  const t = EXPLANATION_TEXTS[lang];
  return fill(t.cause, { quoted: fill(t.quote, { text: serverText(cause, lang) }), domain: cause.domain, date: formatDay(cause.time, lang, tz) });
}

function importRef(p: PolicyPeriod, lang: Lang): string {
  const src = p.importedFrom;
  if (!src) return '';
  return fill(EXPLANATION_TEXTS[lang].importRef, { id: src.importId, file: src.file, line: src.line });
}

function periodSentence(h: AddressHistory, p: PolicyPeriod, lang: Lang, tz: string): string {
  const t = EXPLANATION_TEXTS[lang];
  const day = (iso: string) => formatDay(iso, lang, tz);
  switch (p.status) {
    case 'soft_quarantine': {
      if (p.importedFrom || !p.cause) return fill(t.softImported, { ref: importRef(p, lang), until: day(p.end ?? p.start) });
      const level = p.level ?? 1;
      return fill(t.soft, { ord: t.ordinalFem(level), days: p.durationDays ?? '?', until: day(p.end ?? p.start), cause: causePhrase(p.cause, lang, tz) });
    }
    case 'long_quarantine': {
      let text: string;
      if (p.importedFrom || !p.cause) {
        text = fill(p.rule === 'imported.invalid' ? t.invalidImported : t.longImported, { ref: importRef(p, lang), date: day(p.start) });
      } else if (p.reason === 'soft_bounces_after_quarantines') {
        text = fill(t.longSoft, { date: day(p.start), ord: t.ordinalFem(Math.max(1, h.softQuarantinesBeforeLong)), cause: causePhrase(p.cause, lang, tz) });
      } else if (h.majorDomain) {
        text = fill(t.longHardMajor, { cause: causePhrase(p.cause, lang, tz) });
      } else if (h.hardBouncesNeeded <= 1) {
        text = fill(t.longHardStrict, { cause: causePhrase(p.cause, lang, tz) });
      } else {
        const previous = p.earlierCauses[p.earlierCauses.length - 1];
        text = fill(t.longHardOther, {
          ord: t.ordinalMasc(p.earlierCauses.length + 1),
          cause: causePhrase(p.cause, lang, tz),
          domain: p.cause.domain,
          needed: h.hardBouncesNeeded,
          previous: previous ? day(previous.time) : '?',
        });
      }
      return text + t.longEnds;
    }
    case 'blacklisted': {
      const text =
        p.importedFrom || !p.cause
          ? fill(t.blacklistedImported, { ref: importRef(p, lang), date: day(p.start) })
          : fill(t.blacklisted, { date: day(p.cause.time), account: p.account ? fill(t.blacklistedAccount, { account: p.account }) : '' });
      return text + t.blacklistRelease;
    }
    case 'filtered':
      return fill(t.filtered, { domain: h.domain, date: day(p.start) });
    case 'unsubscribed':
      return fill(t.unsubscribed, { date: day(p.start) });
  }
}

function okSentence(h: AddressHistory, lang: Lang, tz: string): string {
  const t = EXPLANATION_TEXTS[lang];
  let text = t.ok;
  if (h.lastDelivery) text += fill(t.okLastDelivery, { date: formatDay(h.lastDelivery, lang, tz) });
  if (h.hardBouncesSinceDelivery > 0 && h.hardBouncesSinceDelivery < h.hardBouncesNeeded && h.lastHardBounce) {
    text += fill(t.okPendingHard, {
      count: h.hardBouncesSinceDelivery,
      cause: causePhrase(h.lastHardBounce, lang, tz),
      ord: t.ordinalMasc(h.hardBouncesSinceDelivery + 1),
    });
  }
  return text;
}

/** What remains of the escalation, for soft quarantines and ok addresses. */
function escalationSentence(h: AddressHistory, lang: Lang): string {
  const t = EXPLANATION_TEXTS[lang];
  if (h.softQuarantineCount <= 0 || (h.status !== 'soft_quarantine' && h.status !== 'ok')) return '';
  if (h.nextSoftQuarantineDays === null) return t.softNextLong;
  if (h.status === 'soft_quarantine') return fill(t.softNext, { ord: t.ordinalFem(h.softQuarantineCount + 1), days: h.nextSoftQuarantineDays });
  return fill(h.softQuarantineCount === 1 ? t.okSoftLevelOne : t.okSoftLevel, { count: h.softQuarantineCount, days: h.nextSoftQuarantineDays });
}

/**
 * One paragraph in the agent’s language saying why the address has its status, with the event
 * (server text, domain, date) behind it, the latest release, and what comes next. Dates are
 * calendar days in `timeZone` (default UTC: pass the agent’s setting).
 */
export function explainHistory(history: AddressHistory, lang: Lang, timeZone = 'UTC'): string {
  const t = EXPLANATION_TEXTS[lang];
  const tz = timeZone;
  let text = history.at ? fill(t.asOf, { date: formatDay(history.at, lang, tz) }) : '';
  if (history.status === 'unknown') return text + t.unknown;

  const main = history.statusPeriod !== null ? history.periods[history.statusPeriod] : null;
  if (main) text += periodSentence(history, main, lang, tz);
  else text += okSentence(history, lang, tz);

  text += escalationSentence(history, lang);

  // the quarantine behind a blacklist or a filter still matters to the agent: it is shared
  // between licences, the blacklist is not (seed 002)
  if (main && (main.status === 'blacklisted' || main.status === 'filtered')) {
    const long = history.periods.find((p) => p.status === 'long_quarantine' && p.running);
    const soft = history.periods.find((p) => p.status === 'soft_quarantine' && p.running);
    if (long) text += fill(t.alsoLong, { date: formatDay(long.start, lang, tz) });
    else if (soft && soft.end) text += fill(t.alsoSoft, { until: formatDay(soft.end, lang, tz) });
  }
  if (history.unsubscribed && main && main.status !== 'unsubscribed') {
    const unsub = history.periods.find((p) => p.status === 'unsubscribed' && p.running);
    if (unsub) text += fill(t.alsoUnsubscribed, { date: formatDay(unsub.start, lang, tz) });
  }

  const release = latestRelease(history.periods);
  if (release) {
    text += fill(t.released, {
      status: t.statusNames[release.status],
      by: release.by,
      date: formatDay(release.time, lang, tz),
      reason: release.reason.replace(/\s+/g, ' ').trim(),
    });
  }

  if (history.status === 'ok' && history.ignoredBounceCount > 0) text += fill(history.ignoredBounceCount === 1 ? t.okIgnoredOne : t.okIgnored, { count: history.ignoredBounceCount });
  // SPEC §11.2: say why a "user unknown" did not put the address in long quarantine
  const excused = history.excusedBounces?.[history.excusedBounces.length - 1];
  if (excused) {
    const hours = Math.max(1, Math.round((Date.parse(excused.block.end) - Date.parse(excused.block.start)) / 3_600_000));
    const span = lang === 'fr' ? (hours === 1 ? 'une heure' : `${hours} heures`) : hours === 1 ? 'one hour' : `${hours} hours`;
    text += fill(t.providerBlock, { date: formatDay(excused.time, lang, tz), others: Math.max(0, excused.block.addresses - 1), domain: excused.block.domain, span });
  }
  return text;
}

function latestRelease(periods: readonly PolicyPeriod[]): Release | null {
  let best: Release | null = null;
  for (const p of periods) if (p.release && (!best || p.release.time > best.time)) best = p.release;
  return best;
}
