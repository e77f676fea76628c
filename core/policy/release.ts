/**
 * Releasing an address (SPEC §5.8, seed 002): a long quarantine with a note; a blacklist only with
 * a reason that records the person’s own request (the risk is legal); and the bounce risk of
 * releasing many long-quarantined addresses at once (keep a campaign’s hard bounces under 1 %).
 */
import type { Release } from '../model/status';
import type { AddressHistory, PolicyPeriod } from './reconstruct';
import type { ReleaseRiskFigures, ReleaseRiskVerdict } from './release-risk';

export type ReleasableStatus = Release['status'];

export interface ReleaseRequest {
  history: AddressHistory;
  status: ReleasableStatus;
  reason: string;
  by: string;
}

export type ReleaseErrorCode = 'not_in_status' | 'no_author' | 'note_required' | 'request_not_recorded';

/** A refusal: `message` in plain words (the agent’s language), `code` for the UI to react on. */
export interface ReleaseError {
  code: ReleaseErrorCode;
  message: string;
}

export type ReleaseCheck = { ok: true; warnings: string[] } | { ok: false; error: ReleaseError };

/**
 * What a blacklist release reason must show: that the person asked (seed 002: "une justification
 * de l’individu que la demande vient bien de lui/elle"). Accepted: at least
 * `BLACKLIST_REASON_MIN_CHARS` characters and a word that records a request (table below), e.g.
 * "Demande écrite de la personne par e-mail du 12/03/2024, ticket #4512" or "Person asked in
 * writing, ticket 4512". Refused: empty, short ("ok", "client"), or a reason that never says the
 * person asked ("erreur de notre part", "VIP customer").
 */
export const BLACKLIST_REASON_MIN_CHARS = 20;
export const LONG_QUARANTINE_NOTE_MIN_CHARS = 5;
export const REQUEST_WORDS: readonly string[] = [
  // fr
  'demande', 'demandé', 'a écrit', 'écrit', 'courriel', 'réinscri', 'sollicit', 'souhaite', 'lettre', 'consentement',
  // en
  'request', 'asked', 'wrote', 'written', 'in writing', 'consent', 'opt-in', 'opted in', 'resubscri', 'wants',
];

const MESSAGES = {
  fr: {
    not_in_status: 'Cette adresse n’est pas en {status} (statut actuel : {current}) : il n’y a rien à libérer.',
    no_author: 'Indiquez qui fait la sortie (nom de l’agent).',
    note_required: 'Une note est obligatoire pour sortir une adresse de quarantaine longue durée (au moins {min} caractères) : pourquoi pensez-vous qu’elle est valide ?',
    request_not_recorded:
      'Pour sortir une adresse de la liste noire, le motif doit dire que la personne l’a elle-même demandé par écrit (risque légal), quand et comment — par exemple « Demande écrite de la personne par e-mail du 12 mars 2024, ticket #4512 » — en {min} caractères au moins.',
    warnMajor: 'Adresse chez un grand domaine dont le rejet permanent est fiable : elle risque de rejeter de nouveau.',
    warnImported: 'Quarantaine issue d’un import : vérifiez aussi cet import, d’autres adresses peuvent être concernées.',
    warnBlacklist: 'Conservez la demande écrite de la personne : elle justifie la sortie de liste noire.',
  },
  en: {
    not_in_status: 'This address is not in {status} (current status: {current}): nothing to release.',
    no_author: 'Say who is releasing the address (agent name).',
    note_required: 'A note is required to release an address from long quarantine (at least {min} characters): why do you think it is valid?',
    request_not_recorded:
      'Taking an address off the blacklist requires a justification that the person asked for it (legal risk): record their request, when and how (e.g. “Person asked in writing by e-mail on 12 Mar 2024, ticket #4512”), at least {min} characters.',
    warnMajor: 'The address is at a major domain whose hard bounces are reliable: it is likely to bounce again.',
    warnImported: 'The quarantine came from an import: check that import too, other addresses may be affected.',
    warnBlacklist: 'Keep the person’s written request: it is what justifies the release.',
  },
} as const;

const STATUS_NAMES = {
  fr: { soft_quarantine: 'quarantaine temporaire', long_quarantine: 'quarantaine longue durée', blacklisted: 'liste noire', filtered: 'filtrée', unsubscribed: 'désinscrite', ok: 'ok', unknown: 'inconnue' },
  en: { soft_quarantine: 'temporary quarantine', long_quarantine: 'long quarantine', blacklisted: 'the blacklist', filtered: 'filtered', unsubscribed: 'unsubscribed', ok: 'ok', unknown: 'unknown' },
} as const;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

function meaningfulLength(text: string): number {
  return text.replace(/\s+/g, ' ').trim().length;
}

export function recordsPersonsRequest(reason: string): boolean {
  const r = reason.toLowerCase();
  return meaningfulLength(reason) >= BLACKLIST_REASON_MIN_CHARS && REQUEST_WORDS.some((w) => r.includes(w));
}

function runningPeriods(history: AddressHistory, status: ReleasableStatus): PolicyPeriod[] {
  return history.periods.filter((p) => p.status === status && p.running);
}

/** Whether this release may be recorded. Errors and warnings are in `lang` (default en). */
export function validateRelease(request: ReleaseRequest, lang: 'fr' | 'en' = 'en'): ReleaseCheck {
  const { history, status } = request;
  const m = MESSAGES[lang];
  const names = STATUS_NAMES[lang];
  const err = (code: ReleaseErrorCode, message: string): ReleaseCheck => ({ ok: false, error: { code, message } });

  const running = runningPeriods(history, status);
  if (running.length === 0) return err('not_in_status', fill(m.not_in_status, { status: names[status], current: names[history.status] }));
  if (meaningfulLength(request.by) === 0) return err('no_author', m.no_author);

  const warnings: string[] = [];
  if (status === 'blacklisted') {
    if (!recordsPersonsRequest(request.reason)) return err('request_not_recorded', fill(m.request_not_recorded, { min: BLACKLIST_REASON_MIN_CHARS }));
    warnings.push(m.warnBlacklist);
  } else if (status === 'long_quarantine') {
    if (meaningfulLength(request.reason) < LONG_QUARANTINE_NOTE_MIN_CHARS) return err('note_required', fill(m.note_required, { min: LONG_QUARANTINE_NOTE_MIN_CHARS }));
    if (running.some((p) => p.reason === 'hard_bounce') && history.majorDomain) warnings.push(m.warnMajor);
  }
  if (running.some((p) => p.importedFrom)) warnings.push(m.warnImported);
  return { ok: true, warnings };
}

// ---------------------------------------------------------------------------------------------
// Release risk (seed 002: "tant qu’on ne dépasse pas 1% de hardbounces sur l’envoi d’une campagne
// on est bon").

/**
 * How likely a released long-quarantined address is to hard-bounce again, by what put it there.
 * Estimates, not measurements: a major domain’s hard bounce is reliable (seed 002), a small
 * domain’s second one a little less; months of full mailbox usually mean an abandoned box; an
 * imported history is usually right but "can be wrong" (seed 002).
 */
export const REBOUNCE_LIKELIHOOD: Readonly<Record<string, number>> = {
  hard_bounce_major: 0.9,
  hard_bounce_other: 0.7,
  soft_bounces_after_quarantines: 0.5,
  imported_list: 0.5,
  other: 0.6,
};

export const CAMPAIGN_HARD_BOUNCE_LIMIT = 0.01;

export interface ReleaseRisk extends ReleaseRiskFigures {
  /** the verdict in words, in both languages: the Engine passes on the agent’s */
  message: { fr: string; en: string };
}

function likelihood(h: AddressHistory): number | null {
  const running = h.periods.filter((p) => p.status === 'long_quarantine' && p.running);
  if (running.length === 0) return null;
  let best = 0;
  for (const p of running) {
    const key = p.importedFrom
      ? 'imported_list'
      : p.reason === 'hard_bounce'
        ? h.majorDomain
          ? 'hard_bounce_major'
          : 'hard_bounce_other'
        : p.reason === 'soft_bounces_after_quarantines'
          ? 'soft_bounces_after_quarantines'
          : 'other';
    best = Math.max(best, REBOUNCE_LIKELIHOOD[key] ?? REBOUNCE_LIKELIHOOD.other);
  }
  return best;
}

function pct(rate: number, lang: 'fr' | 'en'): string {
  const v = (rate * 100).toFixed(rate < 0.001 ? 2 : 1);
  return lang === 'fr' ? `${v.replace('.', ',')} %` : `${v} %`;
}

/**
 * Expected hard-bounce rate if these addresses' long quarantines were released into one campaign
 * of `campaignSize` recipients (the released addresses are counted inside it). Blacklisted or
 * ok addresses are skipped: only long quarantines bounce back.
 */
export function estimateReleaseRisk(input: { addresses: readonly AddressHistory[]; campaignSize: number; limit?: number }): ReleaseRisk {
  const limit = input.limit ?? CAMPAIGN_HARD_BOUNCE_LIMIT;
  let released = 0;
  let expected = 0;
  for (const h of input.addresses) {
    const p = likelihood(h);
    if (p === null) continue;
    released++;
    expected += p;
  }
  const skipped = input.addresses.length - released;
  const size = Math.max(Math.floor(input.campaignSize) || 0, released, 1);
  const expectedRate = released === 0 ? 0 : expected / size;
  const worstCaseRate = released / size;
  const mean = released === 0 ? 0 : expected / released;
  const maxPerCampaign = mean === 0 ? 0 : Math.floor((limit * size) / mean);
  const verdict: ReleaseRiskVerdict =
    released === 0 ? 'nothing_to_release' : expectedRate <= limit / 2 ? 'safe' : expectedRate <= limit ? 'caution' : 'unsafe';

  const v = { n: released, size, rate: '', limit: '', max: maxPerCampaign, hb: expected.toFixed(1) };
  const say = (lang: 'fr' | 'en'): string => {
    const one = released === 1;
    const vals = {
      ...v,
      rate: pct(expectedRate, lang),
      limit: pct(limit, lang),
      hb: lang === 'fr' ? v.hb.replace('.', ',') : v.hb,
      addresses: lang === 'fr' ? (one ? 'cette adresse' : `ces ${released} adresses`) : one ? 'this address' : `these ${released} addresses`,
      comesBack: lang === 'fr' ? (one ? 'elle retombera' : 'elles retomberont') : one ? 'it goes' : 'they go',
      why: lang === 'fr' ? (one ? 'pourquoi elle est' : 'pourquoi elles sont') : one ? 'why it is' : 'why they are',
    };
    return fill(RISK_TEXTS[lang][verdict], vals);
  };
  return {
    released,
    skipped,
    campaignSize: size,
    expectedHardBounces: expected,
    expectedRate,
    worstCaseRate,
    limit,
    maxPerCampaign,
    verdict,
    message: { fr: say('fr'), en: say('en') },
  };
}

const RISK_TEXTS: Record<'fr' | 'en', Record<ReleaseRiskVerdict, string>> = {
  fr: {
    nothing_to_release: 'Aucune de ces adresses n’est en quarantaine longue durée : rien à estimer.',
    safe: 'Sortir {addresses} de quarantaine longue durée dans une campagne de {size} envois donnerait environ {hb} rejets permanents ({rate}), sous la limite de {limit} : sans danger. Au pire {comesBack} en quarantaine.',
    caution: 'Sortir {addresses} dans une campagne de {size} envois donnerait environ {hb} rejets permanents ({rate}), près de la limite de {limit} avec les rejets habituels de la campagne : prudence, au plus {max} par campagne.',
    unsafe: 'Sortir {addresses} dans une campagne de {size} envois donnerait environ {hb} rejets permanents ({rate}), au-dessus de la limite de {limit} : risque pour la délivrabilité. Au plus {max} par campagne de cette taille, ou cherchez d’abord {why} en quarantaine.',
  },
  en: {
    nothing_to_release: 'None of these addresses is in long quarantine: nothing to estimate.',
    safe: 'Releasing {addresses} from long quarantine into a campaign of {size} sends would give about {hb} hard bounces ({rate}), under the {limit} limit: safe. At worst {comesBack} back to quarantine.',
    caution: 'Releasing {addresses} into a campaign of {size} sends would give about {hb} hard bounces ({rate}), close to the {limit} limit once the campaign’s usual bounces are added: be careful, at most {max} per campaign.',
    unsafe: 'Releasing {addresses} into a campaign of {size} sends would give about {hb} hard bounces ({rate}), over the {limit} limit: a risk for deliverability. At most {max} per campaign of that size, or first find out {why} in quarantine.',
  },
};
