import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The audit log (`/governance/audit`): chain status, filters, events, exports, the key that signs them. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async goto(query = '') {
    const response = await this.page.goto(`/governance/audit${query}`);
    return response;
  }

  readonly heading = () => this.page.getByRole('heading', { level: 1, name: 'Journal d’audit' });
  readonly chainStatus = () => this.page.getByTestId('audit-chain-status');
  readonly filters = () => this.page.getByRole('search', { name: 'Filtres du journal' });
  readonly rows = (): Locator => this.page.getByTestId('audit-row');
  readonly row = (eventId: number | string): Locator => this.page.locator(`[data-testid="audit-row"][data-event-id="${eventId}"]`);
  readonly total = () => this.page.getByTestId('audit-total');
  readonly signingKey = () => this.page.getByTestId('audit-signing-key');

  /** Chooses an event type in the filter form and submits it. */
  async filterByEventType(label: string) {
    await this.filters().getByLabel('Événement').selectOption({ label });
    await this.filters().getByRole('button', { name: 'Filtrer' }).click();
  }

  /** Clicks an export button and waits for the file the browser downloads. */
  async download(
    button: 'Exporter en CSV' | 'Exporter en JSON (avec empreintes)' | 'Tout le journal en CSV' | 'Tout le journal en JSON',
  ): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: button }).click()]);
    expect(await download.failure()).toBeNull();
    return download;
  }
}
