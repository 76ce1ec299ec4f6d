import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, type DemoRole } from '../support/session';

/** The sign-in page (`/sign-in`). */
export class SignInPage {
  constructor(readonly page: Page) {}

  readonly email = () => this.page.getByLabel(/adresse e-mail|email address/i);
  readonly password = () => this.page.getByLabel(/mot de passe|password/i);
  readonly submit = () => this.page.getByRole('button', { name: /se connecter|sign in/i });
  readonly error = () => this.page.getByTestId('sign-in-error');

  async goto(next?: string) {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.submit().click();
  }

  /** Signs in as the demo user of `role` and waits to leave the sign-in page. */
  async signInAs(role: DemoRole, next?: string) {
    await this.goto(next);
    await this.signIn(`${role}@depot.test`);
    await expect(this.page).not.toHaveURL(/\/sign-in/);
  }
}
