import { KeyRound } from 'lucide-react';
import type { PublicSigningKey } from '@/lib/audit/export-signing';
import type { Dictionary } from '@/lib/i18n/dictionaries';
import { API_ROUTES } from '@/lib/routes';

/**
 * The public key that verifies every export's signed manifest: its fingerprint in full, the PEM a
 * reviewer copies into a file for `npm run audit:verify -- … --public-key`, and the JSON route.
 */
export function SigningKeyPanel({ signingKey, dict }: { signingKey: PublicSigningKey | null; dict: Dictionary }) {
  return (
    <section
      aria-labelledby="audit-signing-key-title"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="audit-signing-key"
    >
      <h2 id="audit-signing-key-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <KeyRound aria-hidden="true" className="size-4 text-slate-600" />
        {dict.audit.signingKeyTitle}
      </h2>
      {signingKey ? (
        <>
          <p className="mt-1 max-w-4xl text-sm text-slate-700">{dict.audit.signingKeyIntro}</p>
          <dl className="mt-3 text-sm">
            <dt className="font-medium text-slate-900">{dict.audit.signingKeyFingerprint}</dt>
            <dd className="mt-1">
              <code className="font-mono text-xs break-all text-slate-900 select-all" data-testid="audit-signing-key-fingerprint">
                {signingKey.fingerprint}
              </code>
            </dd>
          </dl>
          {signingKey.local ? (
            <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {dict.audit.signingKeyLocal}
            </p>
          ) : null}
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer font-medium text-slate-900">{dict.audit.signingKeyPem}</summary>
            {/* One click selects the whole key, ready to copy into a file. */}
            <pre
              className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs text-slate-900 select-all"
              data-testid="audit-signing-key-pem"
            >
              {signingKey.publicKeyPem}
            </pre>
          </details>
          <a
            href={API_ROUTES.auditPublicKey}
            className="mt-2 inline-block text-sm font-medium text-slate-900 underline underline-offset-2"
          >
            {dict.audit.signingKeyJson}
          </a>
        </>
      ) : (
        <p role="status" className="mt-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {dict.audit.signingKeyMissing}
        </p>
      )}
    </section>
  );
}
