/**
 * The app's counted words go through i18next's plurals in both languages, never "1 plaintes" or
 * "1 adresses" (issue 17 item 1): the incident, overview and reconciliation strings reviewed.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { fr } from '../../renderer/i18n/fr';

async function words(lng: 'fr' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n);
}

describe('counted words', () => {
  it('agree with their number in French', async () => {
    const t = await words('fr');
    expect(t('incidents.touchedAddresses', { count: 1 })).toBe('1 adresse');
    expect(t('incidents.touchedAddresses', { count: 12 })).toBe('12 adresses');
    expect(t('overview.rateTooltip', { count: 1, complaints: '1', messages: '2 400' })).toBe('1 plainte sur 2 400 messages délivrés');
    expect(t('overview.rateTooltip', { count: 3, complaints: '3', messages: '2 400' })).toBe('3 plaintes sur 2 400 messages délivrés');
    expect(t('overview.unknownsCount', { count: 1, events: '7' })).toBe('1 texte affiché ; événements concernés : 7.');
    expect(t('reconcile.theirsOnly', { count: 1 })).toBe('Seulement dans les listes importées : 1 adresse');
    expect(t('reconcile.theirsOnly', { count: 2 })).toBe('Seulement dans les listes importées : 2 adresses');
    expect(t('incidents.kind.bounce_rate')).toBe('Rejets permanents d’une campagne');
  });

  it('agree with their number in English', async () => {
    const t = await words('en');
    expect(t('incidents.touchedAddresses', { count: 1 })).toBe('1 address');
    expect(t('overview.rateTooltip', { count: 1, complaints: '1', messages: '2,400' })).toBe('1 complaint of 2,400 delivered messages');
    expect(t('overview.unknownsCount', { count: 4, events: '9' })).toBe('4 different texts shown; events concerned: 9.');
    expect(t('reconcile.oursOnly', { count: 1 })).toBe('Only in our data: 1 address');
  });
});
