/**
 * Prettier, for the whole tree (`npm run format`, `npm run format:check`). Chosen to change today's
 * code as little as possible, measured by formatting the tree with each candidate and counting the
 * lines that change: TypeScript and TSX keep single quotes and long lines (138 columns changed the
 * fewest, 538 lines; 120: +54 %, 160: +85 %), trailing commas everywhere and parenthesised arrow
 * parameters (each alternative changed more); the stack's and scripts' .mjs files keep their double
 * quotes and their wider lines (160).
 * @type {import('prettier').Config}
 */
const config = {
  printWidth: 138,
  singleQuote: true,
  overrides: [
    {
      files: ['supabase/local/**/*.mjs', 'scripts/**/*.mjs'],
      options: { singleQuote: false, printWidth: 160 },
    },
  ],
};

export default config;
