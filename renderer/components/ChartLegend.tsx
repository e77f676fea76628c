/** One series of a chart, as its legend names it. */
export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** bars are named by a square, lines by a stroke (dashed for a dashed line) */
  mark?: 'square' | 'line' | 'dashed';
}

/**
 * A chart's legend in the page's own HTML, under the chart. Recharts' legend measures itself once
 * drawn and lays the whole chart out again for its height: on the Overview that second pass cost
 * a fifth of the screen's drawing (issue 15). Here the chart keeps its size and is drawn once.
 */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.key}>
          {/* the mark is drawn in currentColor (styles.css) */}
          <span className={`legend-mark ${item.mark ?? 'square'}`} style={{ color: item.color }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
