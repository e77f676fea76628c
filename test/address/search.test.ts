/**
 * Forgiving search (issue 17 item 3): what an agent pastes from a ticket finds the address, and a
 * slip of the keyboard answers with the nearest known addresses and their status.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressFromPaste } from '../../core/model/pasted-address';
import { FIXTURES, withEngine } from '../helpers';

const CSV = join(FIXTURES, 'mailjet', 'events.csv');

describe('a pasted address', () => {
  it.each([
    ['Paul Durand <paul.durand@orange.fr>', 'paul.durand@orange.fr'],
    ['"Durand, Paul" <Paul.Durand@Orange.fr>', 'paul.durand@orange.fr'],
    ['mailto:paul.durand@orange.fr', 'paul.durand@orange.fr'],
    ['MAILTO:paul.durand@orange.fr?subject=Commande%20123', 'paul.durand@orange.fr'],
    ['mailto:paul.durand%40orange.fr', 'paul.durand@orange.fr'],
    ['paul.durand@orange.fr.', 'paul.durand@orange.fr'],
    ['  paul.durand@orange.fr  ', 'paul.durand@orange.fr'],
    ['\u200bpaul.durand@orange.fr\u00a0', 'paul.durand@orange.fr'],
    ['(paul.durand@orange.fr),', 'paul.durand@orange.fr'],
    ['« paul.durand@orange.fr »', 'paul.durand@orange.fr'],
    ['paul.durand @ orange.fr', 'paul.durand@orange.fr'],
    ['Paul Durand <paul.du', 'paul.du'],
  ])('%j is %s', (pasted, address) => {
    expect(addressFromPaste(pasted)).toBe(address);
  });
});

describe('searching an address', () => {
  it('finds the address whatever was pasted, in the engine the CLI and the app share', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      for (const pasted of ['Paul Durand <paul.durand@orange.fr>', 'mailto:paul.durand@orange.fr', 'paul.durand@orange.fr. ', ' PAUL.DURAND@orange.fr ']) {
        const report = await engine.address({ address: pasted });
        expect(report.address).toBe('paul.durand@orange.fr');
        expect(report.events).toHaveLength(4);
        const found = await engine.searchAddresses({ query: pasted });
        expect(found.map((s) => s.address)).toEqual(['paul.durand@orange.fr']);
      }
    });
  });

  it('answers a typo before the @ with the nearest known address and its status', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      const [nearest, ...others] = await engine.searchAddresses({ query: 'paul.durnad@orange.fr' });
      expect(nearest).toMatchObject({ address: 'paul.durand@orange.fr', events: 4 });
      expect(others).toEqual([]);
      // the one hard bounce for a user unknown puts lea.martin on the blacklist-or-quarantine path
      const [lea] = await engine.searchAddresses({ query: 'lea.martni@gmail.com' });
      expect(lea.address).toBe('lea.martin@gmail.com');
      expect(lea.status).toBe((await engine.address({ address: 'lea.martin@gmail.com' })).status);
      expect(lea.status).not.toBe('ok');
    });
  });

  it('answers a typo in the domain, and a partial address with a slip, with the nearest ones', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      expect((await engine.searchAddresses({ query: 'lea.martin@gmial.com' })).map((s) => s.address)).toEqual(['lea.martin@gmail.com']);
      expect((await engine.searchAddresses({ query: 'camile.petit' })).map((s) => s.address)).toEqual(['camille.petit@free.fr']);
    });
  });

  it('does not offer addresses that are far from what was typed', async () => {
    await withEngine(async (engine) => {
      await engine.importFiles({ paths: [CSV] });
      expect(await engine.searchAddresses({ query: 'jacques.bernard@orange.fr' })).toEqual([]);
    });
  });
});
