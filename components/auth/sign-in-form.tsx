'use client';

import { useActionState } from 'react';
import { signInAction, type SignInState } from '@/lib/auth/actions';
import { useI18n } from '@/lib/i18n/client';
import { signInFormMessages } from './messages';

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-sky-700 focus:outline-2 focus:outline-offset-0 focus:outline-sky-700 aria-[invalid=true]:border-red-700';

export function SignInForm({ next }: { next: string }) {
  const { dict } = useI18n(signInFormMessages);
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={formAction} noValidate className="space-y-5" data-testid="sign-in-form">
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {dict.auth.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={state.fieldErrors?.email ? true : undefined}
          aria-describedby="email-error"
          className={inputClass}
        />
        <p id="email-error" aria-live="polite" className="mt-1 text-sm text-red-800">
          {state.fieldErrors?.email}
        </p>
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          {dict.auth.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.fieldErrors?.password ? true : undefined}
          aria-describedby="password-error"
          className={inputClass}
        />
        <p id="password-error" aria-live="polite" className="mt-1 text-sm text-red-800">
          {state.fieldErrors?.password}
        </p>
      </div>
      <p role="alert" aria-live="assertive" className="min-h-5 text-sm font-medium text-red-800" data-testid="sign-in-error">
        {state.message}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-sky-800 px-4 py-2.5 text-sm font-semibold text-white hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-800 disabled:opacity-70"
      >
        {pending ? dict.auth.submitting : dict.auth.submit}
      </button>
    </form>
  );
}
