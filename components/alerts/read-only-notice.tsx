import { Info } from 'lucide-react';

/** What a role that reviews but does not act (the PCA) sees above the alert list and an alert. */
export function ReadOnlyNotice({ message }: { message: string }) {
  return (
    <p
      className="flex items-start gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-950 ring-1 ring-inset ring-sky-200"
      data-testid="alerts-read-only"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {message}
    </p>
  );
}
