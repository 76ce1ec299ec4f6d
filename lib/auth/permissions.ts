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
  | 'silences:manage';

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
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && MATRIX[permission].includes(role);
}

/** Every permission a role holds, for the client (it hides controls; it decides nothing). */
export function permissionsOf(role: Role | null | undefined): Permission[] {
  return (Object.keys(MATRIX) as Permission[]).filter((permission) => can(role, permission));
}
