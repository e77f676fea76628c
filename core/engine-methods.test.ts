import { describe, expect, it } from 'vitest';
import { checkedEngine, checkRequest, ENGINE_METHOD_TABLE, ENGINE_METHODS, InvalidRequestError, type EngineApi } from './engine-methods';

/** An engine that records what it was asked: only the methods the test calls are real. */
function recordingEngine() {
  const calls: Array<[string, unknown]> = [];
  const engine = Object.fromEntries(
    ENGINE_METHODS.map((name) => [name, async (request: unknown) => (calls.push([name, request]), { answered: name })]),
  ) as unknown as EngineApi;
  return { engine, calls };
}

describe('the method table', () => {
  it('is the one list of methods every shell carries', () => {
    expect(ENGINE_METHODS).toEqual(Object.keys(ENGINE_METHOD_TABLE));
    expect(ENGINE_METHODS).toContain('address');
    expect(new Set(ENGINE_METHODS).size).toBe(ENGINE_METHODS.length);
  });

  it('drops unknown fields and refuses a mis-shaped request in plain words', () => {
    expect(checkRequest('address', { address: 'jean@gmail.com', extra: 1 })).toEqual({ address: 'jean@gmail.com' });
    expect(() => checkRequest('address', { address: 5 })).toThrow('The request to “address” is not valid: “address” must be a text.');
    expect(() => checkRequest('overview', { bucket: 'week' })).toThrow(/“bucket” must be one of “hour”, “day”/);
    expect(() => checkRequest('report', { addresses: [], format: 'md' })).toThrow(/“addresses” is out of range/);
    expect(() => checkRequest('setSettings', { timeZone: 'Mars/Olympus' })).toThrow(/is not a time zone Rebond knows/);
    expect(() => checkRequest('nothingLikeThis' as 'address', {})).toThrow(InvalidRequestError);
  });
});

describe('the CLI’s checked engine', () => {
  it('passes a good request on, checked, and never lets a bad one reach the engine', async () => {
    const { engine, calls } = recordingEngine();
    const checked = checkedEngine(engine);
    await expect(checked.address({ address: 'jean@gmail.com', at: '2021-02-01T00:00:00Z' })).resolves.toEqual({ answered: 'address' });
    await expect(() => checked.address({ address: 'jean@gmail.com', at: 'next tuesday' })).toThrow(/“at” must be an ISO-8601 date-time/);
    expect(calls).toEqual([['address', { address: 'jean@gmail.com', at: '2021-02-01T00:00:00Z' }]]);
  });
});
