import { useTranslation } from 'react-i18next';
import type { AddressReport, MessageVerdict } from '../../core/contract';
import { useApp } from '../app-context';
import { formatDateTime } from '../format';

/** Campaign, message id and subject, where the source has them. */
export function MessageLabel({ message, stacked = false }: { message: MessageVerdict; stacked?: boolean }) {
  const { t } = useTranslation();
  const parts = [
    message.campaign ? t('ticket.campaign', { value: message.campaign }) : null,
    message.messageId ? t('ticket.messageId', { value: message.messageId }) : null,
    message.subject ? t('ticket.subject', { value: message.subject }) : null,
  ].filter((p): p is string => p !== null);
  if (!stacked) return <span className="message-label">{parts.join(' · ')}</span>;
  return (
    <span className="message-label stacked">
      {parts.map((p) => (
        <span key={p}>{p}</span>
      ))}
    </span>
  );
}

export function VerdictTag({ verdict }: { verdict: MessageVerdict['verdict'] }) {
  const { t } = useTranslation();
  return <span className={`verdict-tag verdict-${verdict}`}>{t(`ticket.verdict.${verdict}`)}</span>;
}

/**
 * What happened to each e-mail, newest first, then what to do and the caveats (SPEC §7: the
 * ticket's answer before the quarantine details).
 */
export function MessagesTable({ report }: { report: AddressReport }) {
  const { t } = useTranslation();
  const { lang, timeZone } = useApp();
  const newestFirst = [...report.messages].reverse();
  return (
    <section aria-labelledby="messages-title" className="card">
      <h2 id="messages-title">{t('ticket.messages')}</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">{t('ticket.noMessages')}</p>
      ) : (
        <div className="table-wrap table-scroll">
          <table className="table messages-table" aria-label={t('ticket.messagesTable', { address: report.address })}>
            <thead>
              <tr>
                <th scope="col">{t('ticket.col.date')}</th>
                <th scope="col">{t('ticket.col.message')}</th>
                <th scope="col">{t('ticket.col.verdict')}</th>
                <th scope="col">{t('ticket.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((m, i) => (
                <tr key={`${m.messageId ?? ''}-${m.firstTime}-${i}`} data-verdict={m.verdict}>
                  <td className="nowrap">{formatDateTime(lang, m.firstTime, timeZone)}</td>
                  <td className="mono small">
                    <MessageLabel message={m} stacked />
                  </td>
                  <td>
                    <VerdictTag verdict={m.verdict} />
                  </td>
                  <td>{m.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.actions.length > 0 && (
        <div className="todo">
          <h3>{t('ticket.whatToDo')}</h3>
          <ul>
            {report.actions.map((a) => (
              <li key={a.id}>{a.text}</li>
            ))}
          </ul>
        </div>
      )}
      {report.caveats.length > 0 && (
        <div className="caveats">
          <h3>{t('ticket.goodToKnow')}</h3>
          <ul>
            {report.caveats.map((a) => (
              <li key={a.id} className="muted">
                {a.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
