import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MessageVerdict } from '../../core/contract';
import type { DeliveryEvent } from '../../core/model/event';
import { useApp } from '../app-context';
import { TYPE_COLORS } from '../colors';
import { formatDateTime } from '../format';
import { MessageLabel, VerdictTag } from './MessagesTable';

type Item = { kind: 'message'; message: MessageVerdict } | { kind: 'other' } | { kind: 'event'; event: DeliveryEvent };

/**
 * Newest message first, each followed by its own events in time order (its retries, its
 * delivery or refusal, its opens); then the events tied to no message. `messages` name their
 * events by index into `events` (oldest first, as the engine gives them).
 */
function groupByMessage(events: DeliveryEvent[], messages: MessageVerdict[]): Item[] {
  const items: Item[] = [];
  const placed = new Uint8Array(events.length);
  for (let m = messages.length - 1; m >= 0; m--) {
    const message = messages[m];
    items.push({ kind: 'message', message });
    for (const i of message.eventIndexes) {
      if (!events[i]) continue;
      placed[i] = 1;
      items.push({ kind: 'event', event: events[i] });
    }
  }
  const others: DeliveryEvent[] = [];
  for (let i = events.length - 1; i >= 0; i--) if (!placed[i]) others.push(events[i]);
  if (others.length > 0) {
    if (items.length > 0) items.push({ kind: 'other' });
    for (const event of others) items.push({ kind: 'event', event });
  }
  return items;
}

/**
 * Every event with the server's full text (SPEC §11.1: keep the raw evidence), grouped by the
 * message it belongs to, with the campaign, message id and subject where the source has them.
 * Virtualised: an address may have years of history; only the visible rows are in the page.
 */
export function EventsTable({ address, events, messages = [] }: { address: string; events: DeliveryEvent[]; messages?: MessageVerdict[] }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const scroller = useRef<HTMLDivElement>(null);
  const items = useMemo(() => groupByMessage(events, messages), [events, messages]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i].kind === 'event' ? 52 : 34),
    overscan: 8,
  });
  const columns = ['time', 'type', 'category', 'code', 'text', 'source'] as const;
  return (
    <div role="table" aria-label={t('address.eventsTable', { address })} aria-rowcount={items.length + 1} className="vtable">
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
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            const common = {
              role: 'row',
              'aria-rowindex': row.index + 2,
              'data-index': row.index,
              ref: virtualizer.measureElement,
              style: { position: 'absolute' as const, top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` },
            };
            if (item.kind === 'message') {
              const m = item.message;
              return (
                <div {...common} key={row.key} className="vtable-row vtable-group" data-verdict={m.verdict}>
                  <div role="cell" className="vcell-group" aria-colspan={columns.length}>
                    <strong>{formatDateTime(lang, m.firstTime, timeZone)}</strong> <VerdictTag verdict={m.verdict} /> <MessageLabel message={m} />
                  </div>
                </div>
              );
            }
            if (item.kind === 'other') {
              return (
                <div {...common} key={row.key} className="vtable-row vtable-group">
                  <div role="cell" className="vcell-group" aria-colspan={columns.length}>
                    <strong>{t('ticket.otherEvents')}</strong>
                  </div>
                </div>
              );
            }
            const e = item.event;
            return (
              <div {...common} key={row.key} className="vtable-row">
                <div role="cell" className="vcell col-time">{formatDateTime(lang, e.time, timeZone)}</div>
                <div role="cell" className="vcell col-type">
                  <span className="dot" style={{ backgroundColor: TYPE_COLORS[e.type] }} aria-hidden="true" />
                  {t(`types.${e.type}`)}
                </div>
                <div role="cell" className="vcell col-category">{e.category ? t(`categories.${e.category}`, { defaultValue: e.category }) : ''}</div>
                <div role="cell" className="vcell col-code mono">{[e.smtpCode, e.enhancedCode].filter(Boolean).join(' ')}</div>
                <div role="cell" className="vcell col-text mono">{e.diagnostic || t('address.noText')}</div>
                <div role="cell" className="vcell col-source source-full small muted" title={`${e.source.file}:${e.source.line}`}>
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
