/**
 * The Electron transport's own refusal: a file dropped from somewhere that is not a folder has no
 * path on disk. It carries a code, so the Import screen words it in the app's language.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { sayProblem } from '../problem-words';
import type { RebondBridge } from './bridge';
import { electronTransport } from './electron';
import { EngineError } from './transport';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'fr', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

describe('the Electron transport', () => {
  it('refuses a dropped file with no path on disk with a code the app words in French', async () => {
    const bridge = { getPathForFile: () => '' } as unknown as RebondBridge;
    const transport = electronTransport(bridge);
    const attachment = { name: 'export-mailjet.csv', size: 10 } as File;
    const error = await Promise.resolve()
      .then(() => transport.stage([attachment], () => {}))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    const problem = (error as EngineError).problem!;
    expect(problem).toEqual({ code: 'file.notOnDisk', params: { file: 'export-mailjet.csv' } });
    expect(sayProblem(problem)).toBe('export-mailjet.csv ne peut pas être lu sur le disque\u00a0: déposez un fichier pris dans un dossier.');
    await i18next.changeLanguage('en');
    expect(sayProblem(problem)).toBe('export-mailjet.csv cannot be read from disk: drop a file from a folder.');
  });
});
