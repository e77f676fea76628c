import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DeliveryEvent } from '../../core/model/event';
import { useApp } from '../app-context';
import { TYPE_COLORS } from '../colors';
import { formatDateTime } from '../format';

/**
 * Every event with the server's full text (SPEC §11.1: keep the raw evidence). Virtualised: an
 * address may have years of history; only the visible rows are in the page.
 */
export function EventsTable({ address, events }: { address: string; events: DeliveryEvent[] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
  });
  const columns = ['time', 'type', 'category', 'code', 'text', 'source'] as const;
  return (
    <div role="table" aria-label={t('address.eventsTable', { address })} aria-rowcount={events.length + 1} className="vtable">
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row">
          {columns.map((c) => (
            <div key={c} role="columnheader" className={`vcell col-${c}`}>
              {t(`address.col.${c}`)}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} className="vtable-body" tabIndex={0} role="rowgroup" aria-label={t('address.events', { count: events.length })}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = events[item.index];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="vtable-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell" className="vcell col-time">{formatDateTime(lang, e.time, timeZone)}</div>
                <div role="cell" className="vcell col-type">
                  <span className="dot" style={{ backgroundColor: TYPE_COLORS[e.type] }} aria-hidden="true" />
                  {t(`types.${e.type}`)}
                </div>
                <div role="cell" className="vcell col-category">{e.category ? t(`categories.${e.category}`, { defaultValue: e.category }) : ''}</div>
                <div role="cell" className="vcell col-code mono">{[e.smtpCode, e.enhancedCode].filter(Boolean).join(' ')}</div>
                <div role="cell" className="vcell col-text mono">{e.diagnostic || t('address.noText')}</div>
                <div role="cell" className="vcell col-source small muted" title={`${e.source.file}:${e.source.line}`}>
                  {e.source.file.split(/[\\/]/).pop()}:{e.source.line}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
