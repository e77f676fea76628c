import { useTranslation } from 'react-i18next';
import type { Headline as HeadlineFigures, Overview } from '../../core/contract';
import type { EventType } from '../../core/model/event';
import { useApp } from '../app-context';
import { formatCount, formatRate } from '../format';

interface Figure {
  key: string;
  label: string;
  count: number;
  rate?: number;
  /** the rate's denominator, when it is not all messages */
  rateKey?: 'overview.rateOfDelivered';
  note?: string;
  tone?: 'good' | 'warn' | 'bad';
  /** the events behind the figure, for the drill-down to its addresses */
  type?: EventType;
}

/** The headline figures, each rate shown with the volume behind it (SPEC §11.9). */
export function Headline({ overview, figures: brushed, range }: { overview: Overview; figures?: HeadlineFigures; range?: { from?: string; to?: string } }) {
  const { t } = useTranslation();
  const { lang, go } = useApp();
  // the brush's window when the agent zoomed the volume chart, else the whole period
  const h = brushed ?? overview.headline;
  const th = overview.thresholds;
  const of = (n: number) => (h.messages > 0 ? n / h.messages : 0);
  const figures: Figure[] = [
    { key: 'messages', label: t('overview.messages'), count: h.messages },
    { key: 'delivered', type: 'delivered', label: t('overview.delivered'), count: h.delivered, rate: h.deliveredRate, tone: 'good' },
    { key: 'deferred', type: 'deferred', label: t('overview.deferred'), count: h.deferred, rate: of(h.deferred) },
    { key: 'soft', type: 'soft_bounce', label: t('overview.softBounces'), count: h.softBounces, rate: of(h.softBounces) },
    {
      key: 'hard',
      type: 'hard_bounce',
      label: t('overview.hardBounces'),
      count: h.hardBounces,
      rate: h.hardBounceRate,
      note: t('overview.hardBounceLimit', { limit: formatRate(lang, th.hardBounceLimit) }),
      tone: h.hardBounceRate > th.hardBounceLimit ? 'bad' : undefined,
    },
    { key: 'blocked', type: 'blocked', label: t('overview.blocked'), count: h.blocked, rate: of(h.blocked) },
    {
      key: 'complaints',
      type: 'complaint',
      label: t('overview.complaints'),
      count: h.complaints,
      rate: h.complaintRate,
      rateKey: 'overview.rateOfDelivered',
      note: t('overview.complaintLimit', { warning: formatRate(lang, th.complaintWarning), limit: formatRate(lang, th.complaintLimit) }),
      tone: h.complaintRate >= th.complaintLimit ? 'bad' : h.complaintRate > th.complaintWarning ? 'warn' : undefined,
    },
    { key: 'unsub', type: 'unsubscribe', label: t('overview.unsubscribes'), count: h.unsubscribes, rate: of(h.unsubscribes) },
  ];
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title" className="visually-hidden">
        {t('overview.headline')}
      </h2>
      <ul className="figures">
        {figures.map((f) => (
          <li key={f.key} className={`figure ${f.tone ?? ''}`}>
            <div className="figure-label">{f.label}</div>
            {f.type && f.count > 0 ? (
              <button
                type="button"
                className="figure-count link-button"
                aria-label={t('lists.showAddresses', { label: `${f.label} ${formatCount(lang, f.count)}` })}
                onClick={() => go('lists', undefined, { type: f.type, ...range })}
              >
                {formatCount(lang, f.count)}
              </button>
            ) : (
              <div className="figure-count">{formatCount(lang, f.count)}</div>
            )}
            {f.rate !== undefined && <div className="figure-rate">{t(f.rateKey ?? 'overview.rateOf', { rate: formatRate(lang, f.rate) })}</div>}
            {f.note && <div className="figure-note">{f.note}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
