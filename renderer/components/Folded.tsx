import { useState, type ReactNode } from 'react';

/**
 * A `<details>` whose content is drawn only once it is unfolded: a folded table is hidden from
 * everyone, and its rows (a month of hours, fifty reasons with their buttons) would otherwise be
 * drawn for nothing each time the screen is.
 */
export function Folded({ summary, children }: { summary: ReactNode; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="table-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
