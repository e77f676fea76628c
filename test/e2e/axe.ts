/**
 * axe-core on the page as it stands (issue 17 item 6): WCAG 2.1 A and AA rules and axe's best
 * practices. A violation is returned in words a test failure can show: the rule, what it is
 * about, and the first elements it found.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function axeViolations(page: Page): Promise<string[]> {
  // let charts and tables settle: recharts draws after a layout pass
  await page.waitForTimeout(200);
  // the elements of passed and undecided rules are not collected: only violations are shown, and
  // listing every passing cell of a thousand-row events table took most of the run
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  // an empty page, or axe not run at all, would pass every rule by having nothing to check
  if (results.passes.length < 10) throw new Error(`axe-core checked almost nothing (${results.passes.length} rules passed): is the page drawn?`);
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`).join(' | ')}`,
  );
}
