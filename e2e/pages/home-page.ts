import type { Locator, Page } from '@playwright/test';

export class HomePage {
  readonly heading: Locator;
  readonly apiStatus: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.apiStatus = page.getByTestId('api-status');
  }

  async goto() {
    await this.page.goto('/');
  }
}
