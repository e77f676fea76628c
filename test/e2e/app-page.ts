/** Page objects (after Actual's e2e page-models): locators and intents, found by role and label. */
import type { Locator, Page } from 'playwright-core';

export class RebondPage {
  constructor(readonly page: Page) {}

  nav(name: string | RegExp): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name });
  }

  async open(screen: string | RegExp): Promise<void> {
    await this.nav(screen).click();
  }

  // ------------------------------------------------------------ import
  fileInput(label: string | RegExp = /Files to import|Fichiers à importer/): Locator {
    return this.page.getByLabel(label);
  }

  /** Records every progress value the page shows, so a test can tell a bar moved. (Strings: test/ has no DOM types.) */
  async watchProgress(): Promise<void> {
    await this.page.evaluate(`(() => {
      const seen = [];
      window.__progress = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) seen.push(bar.getAttribute('aria-valuetext') || '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
  }

  async progressSeen(): Promise<string[]> {
    return (await this.page.evaluate('window.__progress')) as string[];
  }

  /** Drops files on the Import screen's input and waits until every one is imported. */
  async importFiles(paths: string[], options: { failuresExpected?: boolean } = {}): Promise<void> {
    await this.open(/^Import$/);
    const jobs = this.page.locator('.jobs > li');
    const before = await jobs.count();
    await this.fileInput().setInputFiles(paths);
    const current = this.currentImport();
    const deadline = Date.now() + 60_000;
    const finished = current.locator('.job.done, .job.failed');
    while ((await finished.count()) < before + paths.length || (await current.getByRole('progressbar').count()) > 0) {
      if (Date.now() > deadline) throw new Error(`the import did not finish in 60 s: ${await current.innerText()}`);
      await this.page.waitForTimeout(100);
    }
    if (!options.failuresExpected && (await current.getByText(/^(Failed|Échec)$/).count()) > 0) throw new Error(`an import failed: ${await current.innerText()}`);
  }

  currentImport(): Locator {
    return this.page.getByRole('region', { name: /This import|Cet import/ });
  }

  pastImports(): Locator {
    return this.page.getByRole('region', { name: /Imported files|Fichiers importés/ });
  }

  // ------------------------------------------------------------ overview
  figure(name: string | RegExp): Locator {
    return this.page.getByRole('figure', { name });
  }

  /** A headline figure's number ("Messages", "Delivered"…), once the overview shows one. */
  async headlineCount(label: string): Promise<number> {
    const figure = this.page
      .getByRole('region', { name: /Headline figures|Chiffres clés/ })
      .getByRole('listitem')
      .filter({ has: this.page.getByText(label, { exact: true }) });
    await figure.waitFor({ timeout: 15_000 });
    return Number((await figure.locator('.figure-count').innerText()).replace(/\D/g, ''));
  }

  // ------------------------------------------------------------ address
  searchBox(label: string | RegExp = 'Search address'): Locator {
    return this.page.getByRole('combobox', { name: label });
  }

  async lookUp(partial: string, address: string): Promise<void> {
    await this.searchBox().fill(partial);
    await this.page.getByRole('option', { name: new RegExp(address.replace(/[.]/g, '\\.')) }).click();
  }
}
