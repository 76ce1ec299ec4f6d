import type { ReactNode } from 'react';

/** A grey placeholder block for loading states (hidden from assistive technology). */
export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 motion-reduce:animate-none ${className}`} />;
}

/** A Card while it loads: a placeholder title above the placeholders it is given. */
export function PanelSkeleton({ className = '', children }: { className?: string; children: ReactNode }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <Skeleton className="mb-4 h-5 w-48" />
      {children}
    </div>
  );
}

/** `count` placeholder rows of one height, stacked. */
export function SkeletonRows({ count, className }: { count: number; className: string }) {
  return (
    <div className="space-y-3">
      {Array.from({ length: count }, (_, index) => (
        <Skeleton key={index} className={className} />
      ))}
    </div>
  );
}

/** A page or a panel while it loads: said once to assistive technology (`label`), placeholders inside. */
export function LoadingFrame({
  label,
  className,
  testId,
  children,
}: {
  label: string;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div aria-busy="true" className={className} data-testid={testId}>
      <p role="status" className="sr-only">
        {label}
      </p>
      {children}
    </div>
  );
}
