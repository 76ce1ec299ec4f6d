import { describe, expect, it } from 'vitest';
import { can, isRole, permissionsOf, ROLES } from './permissions';

describe('permission matrix', () => {
  it('lets governance roles read and nobody else', () => {
    expect(ROLES.filter((role) => can(role, 'governance:read'))).toEqual(['admin', 'directeur', 'pca']);
  });

  it('lets admin and directeur acknowledge, only directeur resolve, only admin sync', () => {
    expect(ROLES.filter((role) => can(role, 'alerts:acknowledge'))).toEqual(['admin', 'directeur']);
    expect(ROLES.filter((role) => can(role, 'alerts:resolve'))).toEqual(['directeur']);
    expect(ROLES.filter((role) => can(role, 'alerts:sync'))).toEqual(['admin']);
  });

  it('lets admin and directeur comment on and assign alerts, and nobody else', () => {
    expect(ROLES.filter((role) => can(role, 'alerts:comment'))).toEqual(['admin', 'directeur']);
    expect(ROLES.filter((role) => can(role, 'alerts:assign'))).toEqual(['admin', 'directeur']);
    expect(permissionsOf('directeur')).toEqual(expect.arrayContaining(['alerts:comment', 'alerts:assign']));
  });

  it('lets only a directeur edit the deadlines and only an admin retry a delivery', () => {
    expect(ROLES.filter((role) => can(role, 'deadlines:edit'))).toEqual(['directeur']);
    expect(ROLES.filter((role) => can(role, 'deliveries:retry'))).toEqual(['admin']);
  });

  it("leaves the sync and the deadlines to head office: a depot's admin and directeur keep the rest", () => {
    expect(permissionsOf('admin')).toContain('alerts:sync');
    expect(permissionsOf('admin', { headOffice: false })).not.toContain('alerts:sync');
    expect(permissionsOf('admin', { headOffice: false })).toEqual(expect.arrayContaining(['alerts:acknowledge', 'deliveries:retry']));
    expect(permissionsOf('directeur', { headOffice: false })).not.toContain('deadlines:edit');
    expect(permissionsOf('directeur', { headOffice: false })).toEqual(expect.arrayContaining(['alerts:resolve', 'silences:manage']));
  });

  it('gives pca read-only access and a missing role nothing', () => {
    // Read-only on alerts; the one thing the PCA writes is their own attestation of a review.
    expect(permissionsOf('pca')).toEqual(['governance:read', 'review:attest']);
    expect(ROLES.filter((role) => can(role, 'review:attest'))).toEqual(['pca']);
    expect(permissionsOf(null)).toEqual([]);
    expect(can(undefined, 'governance:read')).toBe(false);
  });

  it('recognises only the known roles', () => {
    expect(isRole('directeur')).toBe(true);
    expect(isRole('Directeur')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
