import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The messages lint gives `code` as if it were the file at `file` (relative to the project). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'boundaries/client-imports' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layout rules in lint', () => {
  it('refuse zod and server-only modules in a client component, directly or on the way', async () => {
    expect(await lint('components/alerts/x.tsx', "'use client';\nimport { z } from 'zod';\nexport const s = z.string();\n")).toEqual([
      expect.stringContaining('zod belongs on the server'),
    ]);
    // lib/alerts/schemas.ts builds zod schemas: a client component may not pull it in.
    expect(
      await lint(
        'components/alerts/x.tsx',
        "'use client';\nimport { acknowledgeInput } from '@/lib/alerts/schemas';\nexport const s = acknowledgeInput;\n",
      ),
    ).toEqual([expect.stringContaining('lib/alerts/schemas.ts → zod')]);
    expect(
      await lint(
        'components/alerts/x.tsx',
        "'use client';\nimport { createClient } from '@/lib/supabase/server';\nexport const c = createClient;\n",
      ),
    ).toEqual([expect.stringContaining('server-only')]);
  });

  it('let a client component call server actions and import types', async () => {
    expect(
      await lint(
        'components/alerts/x.tsx',
        "'use client';\nimport { acknowledgeAlertAction } from '@/lib/alerts/actions';\nimport type { AlertFilters } from '@/lib/alerts/schemas';\nexport const a: [typeof acknowledgeAlertAction, AlertFilters | null] = [acknowledgeAlertAction, null];\n",
      ),
    ).toEqual([]);
  });

  it('refuse components or app in lib, and sonner outside the toast module', async () => {
    expect(await lint('lib/alerts/x.ts', "import { toast } from '@/components/ui/toaster';\nexport const t = toast;\n")).toEqual([
      expect.stringContaining('lib never imports components or app'),
    ]);
    expect(await lint('components/alerts/x.tsx', "import { toast } from 'sonner';\nexport const t = toast;\n")).toEqual([
      expect.stringContaining('Use the toast module'),
    ]);
    expect(await lint('components/ui/toaster.tsx', "import { toast } from 'sonner';\nexport const t = toast;\n")).toEqual([]);
  });
});
