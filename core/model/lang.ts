/** The languages Rebond speaks: the UI's, the CLI's `--lang`, and every sentence the engine writes. */
export type Lang = 'fr' | 'en';
