import { describe, expect, it } from 'vitest';
import { answerAppRequest, resolveAppFile } from './app-protocol';

describe('app://rebond', () => {
  it('maps URLs into the renderer folder only', () => {
    expect(resolveAppFile('/opt/rebond/renderer', 'app://rebond/index.html')).toBe('/opt/rebond/renderer/index.html');
    expect(resolveAppFile('/opt/rebond/renderer', 'app://rebond/')).toBe('/opt/rebond/renderer/index.html');
    expect(resolveAppFile('/opt/rebond/renderer', 'app://rebond/assets/index-abc.js')).toBe('/opt/rebond/renderer/assets/index-abc.js');
    // the URL parser folds dot segments before we see them: the result stays inside the folder
    expect(resolveAppFile('/opt/rebond/renderer', 'app://rebond/%2e%2e/%2e%2e/etc/passwd')).toBe('/opt/rebond/renderer/etc/passwd');
    expect(resolveAppFile('/opt/rebond/renderer', 'app://rebond/..%2f..%2fsecret')).toBeNull();
    expect(resolveAppFile('/opt/rebond/renderer', 'app://other/index.html')).toBeNull();
    expect(resolveAppFile('/opt/rebond/renderer', 'file:///etc/passwd')).toBeNull();
  });

  it('answers with the file, its type and the CSP', async () => {
    const answer = await answerAppRequest('/r', 'app://rebond/index.html', async () => new TextEncoder().encode('<!doctype html>'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await answer.text()).toBe('<!doctype html>');
    const missing = await answerAppRequest('/r', 'app://rebond/nope.js', async () => {
      throw new Error('ENOENT');
    });
    expect(missing.status).toBe(404);
  });
});
