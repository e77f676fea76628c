/**
 * axe-core on the page as it stands (issue 17 item 6): WCAG 2.1 A and AA rules and axe's best
 * practices. A violation is returned in words a test failure can show: the rule, what it is
 * about, and the first elements it found.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/**
 * axe-core's own script, evaluated in the page once: the app is one page that never reloads.
 * (@axe-core/playwright evaluated it again in every frame for every check, which was half of this
 * file's time: 43 s against 20 s for the 21 checks, the same violations found.)
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's global scope once axe-core is in it (the tests are type-checked without the DOM's types). */
interface AxePage {
  axe: { run(context: unknown, options: object): Promise<unknown> };
  document: unknown;
}

export async function axeViolations(page: Page): Promise<string[]> {
  // let charts and tables settle: recharts draws after a layout pass
  await page.waitForTimeout(200);
  // evaluated through the DevTools protocol: the app's Content-Security-Policy, which refuses
  // inline scripts, does not apply to it
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  // the elements of passed and undecided rules are not collected: only violations are shown, and
  // listing every passing cell of a thousand-row events table took most of the run
  const results = (await page.evaluate((tags) => {
    const page = globalThis as unknown as AxePage;
    return page.axe.run(page.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, TAGS)) as AxeResults;
  // an empty page, or axe not run at all, would pass every rule by having nothing to check
  if (results.passes.length < 10) throw new Error(`axe-core checked almost nothing (${results.passes.length} rules passed): is the page drawn?`);
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`).join(' | ')}`,
  );
}
