import { describe, expect, it } from 'vitest';
import { alertListPath, alertPath, alertsOfCheckPath, checkRunbookPath, isGovernancePath, ROUTES, signInPath } from './routes';

describe('routes', () => {
  it('builds a list link from filters, leaving out the ones not set (a depot, or every depot)', () => {
    expect(alertListPath({ status: 'OPEN', depot: 'BOUAKE' })).toBe('/governance/alerts?status=OPEN&depot=BOUAKE');
    expect(alertListPath({ status: 'OPEN', depot: undefined })).toBe('/governance/alerts?status=OPEN');
    expect(alertListPath({})).toBe('/governance/alerts');
  });

  it('names every governance page below the governance area', () => {
    for (const [name, path] of Object.entries(ROUTES)) {
      if (name === 'signIn' || name === 'governance') continue;
      expect(isGovernancePath(path)).toBe(true);
    }
    expect(isGovernancePath(ROUTES.signIn)).toBe(false);
    expect(isGovernancePath('/governanceevil')).toBe(false);
  });

  it('builds an alert’s page and the sign-in page that brings the user back', () => {
    expect(alertPath('3f1c2d4e-0000-4000-8000-000000000001')).toBe('/governance/alerts/3f1c2d4e-0000-4000-8000-000000000001');
    expect(signInPath()).toBe('/sign-in');
    expect(signInPath('/governance/alerts?status=OPEN&q=T05')).toBe('/sign-in?next=%2Fgovernance%2Falerts%3Fstatus%3DOPEN%26q%3DT05');
  });

  it('builds a check’s runbook and the alert list narrowed to that check', () => {
    expect(checkRunbookPath('STOCK_NEGATIF')).toBe('/governance/checks/STOCK_NEGATIF');
    expect(checkRunbookPath('../x?y')).toBe('/governance/checks/..%2Fx%3Fy');
    expect(alertsOfCheckPath('ECART_15C')).toBe('/governance/alerts?check=ECART_15C&status=all');
  });
});
