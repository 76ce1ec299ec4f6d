/**
 * Who may do what in the console: the permission matrix of DESIGN §1, in one place. The database
 * enforces the same rules independently (RLS, grants, the workflow trigger); this matrix decides
 * what the console shows and what its server actions attempt.
 */
export const ROLES = ['admin', 'directeur', 'pca', 'gerant', 'operateur', 'lecture'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'governance:read'
  | 'alerts:acknowledge'
  | 'alerts:resolve'
  | 'alerts:sync'
  | 'alerts:comment'
  | 'alerts:assign'
  | 'alerts:snooze'
  | 'deadlines:edit'
  | 'deliveries:retry'
  | 'silences:manage'
  | 'review:attest';

const MATRIX: Record<Permission, readonly Role[]> = {
  'governance:read': ['admin', 'directeur', 'pca'],
  'alerts:acknowledge': ['admin', 'directeur'],
  'alerts:resolve': ['directeur'],
  'alerts:sync': ['admin'],
  'alerts:comment': ['admin', 'directeur'],
  'alerts:assign': ['admin', 'directeur'],
  'alerts:snooze': ['admin', 'directeur'],
  'deadlines:edit': ['directeur'],
  'deliveries:retry': ['admin'],
  'silences:manage': ['directeur'],
  'review:attest': ['pca'],
};

/**
 * What only head office does (the company's, not a depot's): run the sync, set the deadlines. A
 * depot's admin or directeur holds the role's other permissions; the database refuses these
 * (head_office_only) whatever the console shows.
 */
export const HEAD_OFFICE_PERMISSIONS: readonly Permission[] = ['alerts:sync', 'deadlines:edit'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && MATRIX[permission].includes(role);
}

/**
 * Every permission a role holds — less head office's when the profile belongs to a depot — for the
 * client (it hides controls; it decides nothing).
 */
export function permissionsOf(role: Role | null | undefined, { headOffice = true }: { headOffice?: boolean } = {}): Permission[] {
  return (Object.keys(MATRIX) as Permission[]).filter(
    (permission) => can(role, permission) && (headOffice || !HEAD_OFFICE_PERMISSIONS.includes(permission)),
  );
}
