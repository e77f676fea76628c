/**
 * Who answered for a receiving domain, in the words a support agent uses ("Microsoft refused…"),
 * and what a refusal’s text names: a block-list code (Microsoft’s S3150) and the postmaster page
 * to ask for a delisting (seed 003: "il faut lire le contenu de l’URL"). Data, not code.
 */

/** Receiving domains by provider: the first row whose pattern matches the domain wins. */
export const PROVIDERS: readonly { provider: string; domain: RegExp }[] = [
  { provider: 'Microsoft', domain: /^(?:hotmail|outlook|live|msn|windowslive)\.[a-z.]+$/ },
  { provider: 'Google', domain: /^(?:gmail|googlemail)\.com$/ },
  { provider: 'Yahoo', domain: /^(?:yahoo|ymail|rocketmail|aol)\.[a-z.]+$/ },
  { provider: 'Orange', domain: /^(?:orange|wanadoo)\.fr$/ },
  { provider: 'Free', domain: /^(?:free|aliceadsl|libertysurf)\.fr$/ },
  { provider: 'SFR', domain: /^(?:sfr|neuf|cegetel|club-internet)\.fr$/ },
  { provider: 'La Poste', domain: /^laposte\.net$/ },
  { provider: 'Apple', domain: /^(?:icloud|me|mac)\.com$/ },
  { provider: 'GMX', domain: /^gmx\.[a-z.]+$/ },
  { provider: 'Comcast', domain: /^comcast\.net$/ },
];

const providerByDomain = new Map<string, string | null>();

export function providerOf(domain: string): string | null {
  let provider = providerByDomain.get(domain);
  if (provider === undefined) {
    const d = domain.toLowerCase();
    provider = PROVIDERS.find((p) => p.domain.test(d))?.provider ?? null;
    if (providerByDomain.size > 10_000) providerByDomain.clear();
    providerByDomain.set(domain, provider);
  }
  return provider;
}

/** Block-list codes that providers put in their refusals: Microsoft (S3150), Comcast (BL000004)… */
const BLOCK_LIST_CODES: readonly RegExp[] = [/\((S\d{4})\)/, /\b(BL\d{3,6})\b/, /\b(AUP#[A-Za-z-]*\d+)\b/];

export function blockListCodeIn(text: string | null): string | null {
  if (!text) return null;
  for (const pattern of BLOCK_LIST_CODES) {
    const m = pattern.exec(text);
    if (m) return m[1];
  }
  return null;
}

/**
 * The first web page a server’s text points to (its postmaster or help page). Only http(s)
 * addresses, cut at the first character that cannot end one; the report shows it as text.
 */
export function helpUrlIn(text: string | null): string | null {
  if (!text) return null;
  const m = /\bhttps?:\/\/[^\s<>"'`|\]\\)]+/i.exec(text);
  return m ? m[0].replace(/[.,;:!?]+$/, '') : null;
}
