import type { ReactNode } from 'react';

/** A chart with a visible title, read by assistive technology as a figure named by that title. */
export function ChartFigure({ id, title, hint, actions, children }: { id: string; title: string; hint?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <figure className="card chart" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {hint && <p className="muted small">{hint}</p>}
      {children}
    </figure>
  );
}
