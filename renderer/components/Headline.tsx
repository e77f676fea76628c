import { useTranslation } from 'react-i18next';
import type { Overview } from '../../core/contract';
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
}

/** The headline figures, each rate shown with the volume behind it (SPEC §11.9). */
export function Headline({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const { lang } = useApp();
  const h = overview.headline;
  const th = overview.thresholds;
  const of = (n: number) => (h.messages > 0 ? n / h.messages : 0);
  const figures: Figure[] = [
    { key: 'messages', label: t('overview.messages'), count: h.messages },
    { key: 'delivered', label: t('overview.delivered'), count: h.delivered, rate: h.deliveredRate, tone: 'good' },
    { key: 'deferred', label: t('overview.deferred'), count: h.deferred, rate: of(h.deferred) },
    { key: 'soft', label: t('overview.softBounces'), count: h.softBounces, rate: of(h.softBounces) },
    {
      key: 'hard',
      label: t('overview.hardBounces'),
      count: h.hardBounces,
      rate: h.hardBounceRate,
      note: t('overview.hardBounceLimit', { limit: formatRate(lang, th.hardBounceLimit) }),
      tone: h.hardBounceRate > th.hardBounceLimit ? 'bad' : undefined,
    },
    { key: 'blocked', label: t('overview.blocked'), count: h.blocked, rate: of(h.blocked) },
    {
      key: 'complaints',
      label: t('overview.complaints'),
      count: h.complaints,
      rate: h.complaintRate,
      rateKey: 'overview.rateOfDelivered',
      note: t('overview.complaintLimit', { warning: formatRate(lang, th.complaintWarning), limit: formatRate(lang, th.complaintLimit) }),
      tone: h.complaintRate >= th.complaintLimit ? 'bad' : h.complaintRate > th.complaintWarning ? 'warn' : undefined,
    },
    { key: 'unsub', label: t('overview.unsubscribes'), count: h.unsubscribes, rate: of(h.unsubscribes) },
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
            <div className="figure-count">{formatCount(lang, f.count)}</div>
            {f.rate !== undefined && <div className="figure-rate">{t(f.rateKey ?? 'overview.rateOf', { rate: formatRate(lang, f.rate) })}</div>}
            {f.note && <div className="figure-note">{f.note}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
