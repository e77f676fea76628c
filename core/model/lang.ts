/** The languages Rebond speaks: the UI's, the CLI's `--lang`, and every sentence the engine writes. */
export type Lang = 'fr' | 'en';

/** A sentence in its singular and plural forms ("1 événement plus ancien", "2 événements plus anciens"). */
export interface Plural {
  one: string;
  other: string;
}

/** The form of `words` that goes with `n` in `lang` (French "0 ligne" and "1 ligne" are singular; English "0 lines"). */
export function pluralOf(lang: Lang, n: number, words: Plural): string {
  return new Intl.PluralRules(lang).select(n) === 'one' ? words.one : words.other;
}
