import type { AnchorHTMLAttributes, ButtonHTMLAttributes } from 'react';
import { Link } from 'wouter';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';
type Size = 'small' | 'medium' | 'large';

const classes = (variant: Variant, size: Size, block: boolean | undefined, extra?: string) =>
  ['ui-button', `ui-button--${variant}`, size !== 'medium' && `ui-button--${size}`, block && 'ui-button--block', extra].filter(Boolean).join(' ');

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  block?: boolean;
  /** Shows a spinner and blocks clicks while the action runs; the label stays so nothing jumps. */
  loading?: boolean;
}

/** A button; `type` defaults to "button" so only submit buttons submit forms. */
export function Button({ variant = 'primary', size = 'medium', block, loading, disabled, className, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} className={classes(variant, size, block, className)} disabled={disabled || loading} aria-busy={loading || undefined}>
      {loading && <span className="ui-spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}

interface ButtonLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  variant?: Variant;
  size?: Size;
  block?: boolean;
  /** A page of another front end (portal ↔ console ↔ technician view): a full page load, not in-app navigation. */
  external?: boolean;
}

/** A link styled as a button (navigation, not an action). */
export function ButtonLink({ variant = 'primary', size = 'medium', block, className, external, href, ...rest }: ButtonLinkProps) {
  const classNames = classes(variant, size, block, className);
  return external ? <a {...rest} href={href} className={classNames} /> : <Link {...rest} href={href} className={classNames} />;
}
