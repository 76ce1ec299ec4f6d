/**
 * The layout's rules as lint rules (DESIGN §5, STYLE.md), so breaking one fails `npm run lint`:
 *
 * - `boundaries/client-imports`: a client component (`'use client'`) never reaches zod or a
 *   server-only module — directly or through the modules it imports, up to the server actions it
 *   calls (a `'use server'` module stays on the server: the browser gets a reference to it).
 *   Type-only imports are free: they leave no code.
 *
 * The simpler rules (lib never imports components or app; only the toast module imports sonner)
 * are `no-restricted-imports` settings in eslint.config.mjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..');
const FORBIDDEN_IN_CLIENT = new Map([
  ['zod', 'zod belongs on the server: check input with lib/*/rules.ts in the browser, zod in the action'],
  ['server-only', 'a server-only module'],
  ['next/headers', 'next/headers (request headers and cookies exist on the server only)'],
]);

/** @type {Map<string, { directive: string | null, imports: string[] }>} */
const parsed = new Map();

/** The directive and the value imports (not `import type`) of a source file, cached. */
function scan(file) {
  let entry = parsed.get(file);
  if (entry) return entry;
  const text = readFileSync(file, 'utf8');
  const directive = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"](use client|use server)['"]/.exec(text)?.[1] ?? null;
  const imports = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (!match[1]) imports.push(match[2]);
  }
  entry = { directive, imports };
  parsed.set(file, entry);
  return entry;
}

/** A project file for an import specifier, or null (a package, or not found). */
function resolve(specifier, fromFile) {
  let base;
  if (specifier.startsWith('@/')) base = path.join(projectRoot, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.js`,
    `${base}.mjs`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && /\.(ts|tsx|js|mjs)$/.test(candidate)) return candidate;
  }
  return null;
}

/** The first forbidden module reached from `file` (breadth-first), with the path to it. */
function forbiddenReach(file) {
  const seen = new Set([file]);
  const queue = [[file, []]];
  while (queue.length) {
    const [current, trail] = queue.shift();
    for (const specifier of scan(current).imports) {
      if (FORBIDDEN_IN_CLIENT.has(specifier)) return { what: FORBIDDEN_IN_CLIENT.get(specifier), trail: [...trail, specifier] };
      const target = resolve(specifier, current);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      if (scan(target).directive === 'use server') continue;
      queue.push([target, [...trail, path.relative(projectRoot, target)]]);
    }
  }
  return null;
}

const clientImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Client components never reach zod or server-only modules.' },
    schema: [],
    messages: { forbidden: 'Client component reaches {{what}}: {{trail}}.' },
  },
  create(context) {
    const file = context.filename;
    const isClient = context.sourceCode.ast.body.some((node) => node.type === 'ExpressionStatement' && node.directive === 'use client');
    if (!isClient) return {};
    return {
      ImportDeclaration(node) {
        if (node.importKind === 'type' || (node.specifiers.every((s) => s.importKind === 'type') && node.specifiers.length > 0)) return;
        const specifier = node.source.value;
        if (FORBIDDEN_IN_CLIENT.has(specifier)) {
          context.report({ node, messageId: 'forbidden', data: { what: FORBIDDEN_IN_CLIENT.get(specifier), trail: specifier } });
          return;
        }
        const target = resolve(specifier, file);
        if (!target || scan(target).directive === 'use server') return;
        const reach = forbiddenReach(target);
        if (reach) {
          const trail = [path.relative(projectRoot, target), ...reach.trail].join(' → ');
          context.report({ node, messageId: 'forbidden', data: { what: reach.what, trail } });
        }
      },
    };
  },
};

const boundaries = { rules: { 'client-imports': clientImports } };
export default boundaries;
