import { expect, type Locator, type Page } from '@playwright/test';

/** The alert list (`/governance/alerts`) and its dialogs. */
export class AlertsPage {
  constructor(readonly page: Page) {}

  async goto(query = '') {
    await this.page.goto(`/governance/alerts${query}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    // Hydrated: a click on a checkbox or a button is handled, not lost to the server's HTML.
    await expect(this.page.getByTestId('alerts-page')).toHaveAttribute('data-interactive', 'true');
  }

  /** Shows only the alerts whose message mentions `text` (any status). */
  async search(text: string) {
    await this.goto(`?status=all&q=${encodeURIComponent(text)}`);
  }

  rows(): Locator {
    return this.page.getByTestId('alert-row');
  }

  row(alertId: string): Locator {
    return this.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
  }

  /** The alert list on a phone: one card per alert (the table is hidden below `lg`). */
  cards(): Locator {
    return this.page.getByTestId('alert-card');
  }

  card(alertId: string): Locator {
    return this.page.locator(`[data-testid="alert-card"][data-alert-id="${alertId}"]`);
  }

  dialog(): Locator {
    return this.page.getByTestId('alert-dialog');
  }

  /** Fills the open dialog's note (and, resolving, picks the reason) and submits it. */
  async submitDialog(note: string, reason?: string) {
    const dialog = this.dialog();
    await expect(dialog).toBeVisible();
    if (reason) await dialog.getByTestId(`resolution-reason-${reason}`).check();
    await dialog.getByTestId('alert-note').fill(note);
    await dialog.getByTestId('alert-dialog-submit').click();
  }
}
