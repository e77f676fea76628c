import { describe, expect, it } from 'vitest';
import { checkAddress, isDisposableDomain } from './address-checks';

describe('checkAddress', () => {
  it.each([
    ['jean@gmial.com', 'jean@gmail.com'],
    ['marie@hotmial.fr', 'marie@hotmail.fr'],
    ['paul@orange.frr', 'paul@orange.fr'],
    ['luc@wanadoo.ft', 'luc@wanadoo.fr'],
    ['anne@laposte.nett', 'anne@laposte.net'],
    ['eve@gmail.con', 'eve@gmail.com'],
  ])('suggests %s → %s', (address, fixed) => {
    expect(checkAddress(address).typoSuggestion).toBe(fixed);
  });
  it('leaves correct and unrelated domains alone', () => {
    expect(checkAddress('jean@gmail.com').typoSuggestion).toBeNull();
    expect(checkAddress('jean@free.fr').typoSuggestion).toBeNull();
    expect(checkAddress('jean@sfr.fr').typoSuggestion).toBeNull();
    expect(checkAddress('jean@association-des-amis.org').typoSuggestion).toBeNull();
    expect(checkAddress('not an address').typoSuggestion).toBeNull();
  });
  it('email.com → gmail.com only when the address bounced', () => {
    expect(checkAddress('jean@email.com').typoSuggestion).toBeNull();
    expect(checkAddress('jean@email.com', { bounced: true }).typoSuggestion).toBe('jean@gmail.com');
  });
  it('flags disposable domains from the maintained list', () => {
    expect(checkAddress('test@yopmail.com').disposable).toBe(true);
    expect(checkAddress('Test@YOPMAIL.FR').disposable).toBe(true);
    expect(checkAddress('jean@orange.fr').disposable).toBe(false);
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(checkAddress('test@yopmail.com').typoSuggestion).toBeNull();
  });
});
