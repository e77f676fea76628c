import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart's figures as a table, folded under it: for screen readers and for reading exact values.
 * The rows are drawn once it is unfolded (a folded table is hidden from everyone, and a month of
 * hours is thousands of cells the overview would otherwise draw for nothing).
 */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (rows.length === 0) return null;
  return (
    <details className="table-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('charts.showTable')}</summary>
      {open && <div className="table-wrap chart-table">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r[0]}>
                <th scope="row">{r[0]}</th>
                {r.slice(1).map((cell, i) => (
                  <td key={columns[i + 1]} className="num">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>}
    </details>
  );
}
