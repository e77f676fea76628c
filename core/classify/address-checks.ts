/**
 * Checks on the address itself: a typo suggestion for the domain (mailcheck, plus the French
 * ISPs its defaults lack) and disposable domains (the disposable-email-domains list).
 */
import { createRequire } from 'node:module';
import Mailcheck from 'mailcheck';

export interface AddressCheck {
  /** the corrected address (`jean@gmail.com` for `jean@gmial.com`), or null */
  typoSuggestion: string | null;
  /** the domain is a throw-away mailbox service (yopmail.com…) */
  disposable: boolean;
}

export interface AddressCheckOptions {
  /**
   * The address's history shows it bounced. Then `email.com` is suggested as `gmail.com`
   * (seed 001: "jean@email.com au lieu de jean@gmail.com"); otherwise email.com is a real domain
   * and left alone.
   */
  bounced?: boolean;
}

/** Domains mailcheck compares against whole: its defaults plus the French ISPs. */
export const KNOWN_DOMAINS: readonly string[] = [
  // French ISPs and French editions of the big providers
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net', 'bbox.fr', 'numericable.fr',
  'club-internet.fr', 'aliceadsl.fr', 'cegetel.net', 'noos.fr', 'voila.fr', 'aol.fr',
  'hotmail.fr', 'live.fr', 'outlook.fr', 'msn.fr', 'yahoo.fr', 'gmail.fr',
  // international
  'gmail.com', 'googlemail.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'yahoo.com',
  'ymail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'gmx.fr', 'gmx.com', 'gmx.de', 'web.de',
  'protonmail.com', 'proton.me', 'comcast.net', 'verizon.net', 'att.net', 'mail.com',
  'hotmail.co.uk', 'yahoo.co.uk', 'hotmail.be', 'skynet.be', 'bluewin.ch', 'videotron.ca',
];

const SECOND_LEVEL = [
  'gmail', 'hotmail', 'outlook', 'live', 'yahoo', 'orange', 'wanadoo', 'free', 'sfr', 'neuf', 'laposte',
  'bbox', 'icloud', 'aol', 'gmx', 'msn', 'numericable', 'voila', 'noos',
];

const TOP_LEVEL = ['fr', 'com', 'net', 'org', 'be', 'ch', 'de', 'eu', 'info', 'co.uk', 'ca', 'io', 'me'];

/** Domains that are real but whose owners almost never mean them (only suggested after a bounce). */
const BOUNCED_ONLY: Readonly<Record<string, string>> = {
  'email.com': 'gmail.com',
  'email.fr': 'gmail.com',
};

let disposableSet: Set<string> | null = null;
/**
 * The list (2.4 MB of JSON) is read at its first use, not when the code loads: bundled, it was
 * read, compiled and parsed at every start of every `rebond` command, though most commands never
 * check a domain (`rebond imports` took 0.59–0.65 s of processor time with it, 0.50–0.58 s now).
 */
function disposables(): Set<string> {
  if (!disposableSet) {
    const list = createRequire(import.meta.url)('disposable-email-domains') as readonly string[];
    disposableSet = new Set(list.map((d) => d.toLowerCase()));
  }
  return disposableSet;
}

/** True when the domain, or one of its parent domains, is a disposable-mailbox service. */
export function isDisposableDomain(domain: string): boolean {
  const set = disposables();
  let d = domain.trim().toLowerCase().replace(/\.$/, '');
  for (;;) {
    if (set.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0 || d.indexOf('.', dot + 1) < 0) return false;
    d = d.slice(dot + 1);
  }
}

export function checkAddress(address: string, options: AddressCheckOptions = {}): AddressCheck {
  const email = address.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return { typoSuggestion: null, disposable: false };
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const disposable = isDisposableDomain(domain);
  let typoSuggestion: string | null = null;
  if (options.bounced && BOUNCED_ONLY[domain]) {
    typoSuggestion = `${local}@${BOUNCED_ONLY[domain]}`;
  } else if (!disposable && !KNOWN_DOMAINS.includes(domain) && !(domain in BOUNCED_ONLY)) {
    const suggestion = Mailcheck.run({
      email,
      domains: [...KNOWN_DOMAINS],
      secondLevelDomains: SECOND_LEVEL,
      topLevelDomains: TOP_LEVEL,
    });
    if (suggestion && suggestion.domain !== domain && KNOWN_DOMAINS.includes(suggestion.domain)) {
      typoSuggestion = `${local}@${suggestion.domain}`;
    }
  }
  return { typoSuggestion, disposable };
}
