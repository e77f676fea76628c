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

  // ------------------------------------------------------------ address
  searchBox(label: string | RegExp = 'Search address'): Locator {
    return this.page.getByRole('combobox', { name: label });
  }

  async lookUp(partial: string, address: string): Promise<void> {
    await this.searchBox().fill(partial);
    await this.page.getByRole('option', { name: new RegExp(address.replace(/[.]/g, '\\.')) }).click();
  }
}
