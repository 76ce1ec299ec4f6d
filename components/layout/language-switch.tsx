'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/lib/i18n/actions';
import { useI18n } from '@/lib/i18n/client';
import { LOCALES } from '@/lib/i18n/locales';
import { languageSwitchMessages } from '@/components/ui/messages';

export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { locale, dict } = useI18n(languageSwitchMessages);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const names = { fr: dict.nav.french, en: dict.nav.english };
  return (
    <label className={`flex items-center gap-2 text-sm ${tone === 'dark' ? 'text-slate-200' : 'text-slate-700'}`}>
      <span className="sr-only">{dict.nav.language}</span>
      <select
        data-testid="language-switch"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLocaleAction(next);
            router.refresh();
          });
        }}
        className={`rounded-md border px-2 py-1 text-sm pointer-coarse:min-h-11 focus-visible:outline-2 focus-visible:outline-offset-2 ${
          tone === 'dark'
            ? 'border-white/30 bg-slate-800 text-white focus-visible:outline-white'
            : 'border-slate-300 bg-white text-slate-900 focus-visible:outline-sky-700'
        }`}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value}>
            {names[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
