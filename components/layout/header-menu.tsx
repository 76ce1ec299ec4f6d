'use client';

import { Menu, X } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useId, useRef, useState, type ReactNode } from 'react';

/**
 * The header's navigation and account controls (`children`): inline from `md` up; below it, behind
 * a "Menu" button that opens them as a panel under the header (a disclosure: `aria-expanded`,
 * Escape closes it). Opening is tied to the page it was opened on, so following a link closes it.
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  return (
    // `contents`: the button and the panel stay items of the header's own flex row.
    <div
      className="contents"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpenOn(null);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="ml-auto inline-flex min-h-11 items-center gap-2 rounded-md border border-white/30 px-3 text-sm font-medium hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white md:hidden"
        data-testid="nav-menu-button"
      >
        {open ? <X aria-hidden="true" className="size-5" /> : <Menu aria-hidden="true" className="size-5" />}
        {label}
      </button>
      <div
        id={panelId}
        className={`${open ? 'flex' : 'hidden'} w-full flex-col gap-3 border-t border-white/15 pt-3 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:gap-x-6 md:gap-y-2 md:border-0 md:pt-0`}
        data-testid="nav-menu"
      >
        {children}
      </div>
    </div>
  );
}
