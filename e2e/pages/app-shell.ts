import type { Locator, Page } from '@playwright/test';

/** The frame around every governance page: the header, its navigation and, on a phone, the menu button. */
export class AppShell {
  constructor(readonly page: Page) {}

  readonly menuButton = (): Locator => this.page.getByTestId('nav-menu-button');
  readonly nav = (): Locator => this.page.getByRole('navigation', { name: 'Navigation principale' });
  readonly navLink = (name: string): Locator => this.nav().getByRole('link', { name, exact: true });

  /** How wide the page is laid out (`scrollWidth`): wider than the screen means it scrolls sideways. */
  pageWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }
}
