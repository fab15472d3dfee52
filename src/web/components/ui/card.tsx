import type { HTMLAttributes, ReactNode } from 'react';

/** A white panel; `as="section"` with a heading makes it a landmark region. */
export function Card({ as: Tag = 'div', className, ...rest }: HTMLAttributes<HTMLElement> & { as?: 'div' | 'section' | 'article' | 'aside' }) {
  return <Tag className={['ui-card', className].filter(Boolean).join(' ')} {...rest} />;
}

export function CardHeader({ title, actions, level = 2 }: { title: ReactNode; actions?: ReactNode; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="ui-card__header">
      <Heading>{title}</Heading>
      {actions}
    </div>
  );
}
