import type { LucideIcon } from 'lucide-react';

/** A designed empty state: an icon and one sentence, announced as plain text. */
export function EmptyState({ icon: Icon, message, tone = 'neutral' }: { icon: LucideIcon; message: string; tone?: 'neutral' | 'good' }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-8 text-center">
      <Icon aria-hidden="true" className={`size-8 ${tone === 'good' ? 'text-emerald-700' : 'text-slate-500'}`} />
      <p className="max-w-prose text-sm font-medium text-slate-700">{message}</p>
    </div>
  );
}
