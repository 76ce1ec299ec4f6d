import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import boundaries from './eslint/boundaries.mjs';

/** The layout's one-way arrows (DESIGN §5): app → components → lib. */
const LIB_NEVER_IMPORTS = {
  group: ['@/components', '@/components/*', '@/app', '@/app/*', '**/components/**', '**/app/**'],
  message: 'lib never imports components or app: pass what lib needs as an argument or a callback (DESIGN §5).',
};
/** Toasts go through one module, which loads sonner after the page is interactive. */
const SONNER = { name: 'sonner', message: 'Use the toast module, components/ui/toaster.tsx.' };

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { boundaries },
    rules: {
      'boundaries/client-imports': 'error',
      'no-restricted-imports': ['error', { paths: [SONNER] }],
    },
  },
  {
    files: ['lib/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [SONNER], patterns: [LIB_NEVER_IMPORTS] }] },
  },
  {
    // The code Node runs as it is, type-checked like the app (tsconfig.node.json): the rules that
    // typescript-eslint's eslint-recommended adds for TypeScript files apply to it too.
    files: ['supabase/local/**/*.mjs', 'scripts/**/*.mjs'],
    rules: { 'no-var': 'error', 'prefer-const': 'error', 'prefer-rest-params': 'error', 'prefer-spread': 'error' },
  },
  {
    files: ['components/ui/toaster.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
  globalIgnores([
    '.next/**',
    'out/**',
    'build/**',
    'coverage/**',
    'test-results/**',
    'playwright-report/**',
    '.local/**',
    'next-env.d.ts',
    'lib/supabase/database.types.ts',
  ]),
]);

export default eslintConfig;
