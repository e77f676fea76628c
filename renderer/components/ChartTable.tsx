import { useTranslation } from 'react-i18next';
import { Folded } from './Folded';

/** A chart's figures as a table, folded under it: for screen readers and for reading exact values. */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <Folded summary={t('charts.showTable')}>
      {() => (
        <div className="table-wrap chart-table">
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
        </div>
      )}
    </Folded>
  );
}
