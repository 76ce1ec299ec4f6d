import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const variants: Record<Variant, string> = {
  primary: 'bg-sky-800 text-white hover:bg-sky-900 focus-visible:outline-sky-800',
  secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 focus-visible:outline-sky-800',
  danger: 'bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700',
  ghost: 'text-sky-800 hover:bg-sky-50 focus-visible:outline-sky-800',
};

/** A button's classes; on a touch screen (coarse pointer) every button is at least 44 px high. */
export function buttonClass(variant: Variant = 'primary', size: 'sm' | 'md' = 'md') {
  return `inline-flex items-center justify-center gap-1.5 rounded-md font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60 pointer-coarse:min-h-11 ${
    size === 'sm' ? 'px-2.5 py-1 text-xs' : 'px-4 py-2 text-sm'
  } ${variants[variant]}`;
}

export function Button({
  variant = 'primary',
  size = 'md',
  className = '',
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: 'sm' | 'md';
}) {
  return <button type={type} className={`${buttonClass(variant, size)} ${className}`} {...props} />;
}
