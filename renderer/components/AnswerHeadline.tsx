import { useTranslation } from 'react-i18next';
import type { AddressAnswer } from '../../core/contract';

/**
 * The ticket's question answered first, beside the status badge: did our e-mails reach this
 * person? "The address is fine but mail does not arrive" has its own look (tone), distinct from
 * "delivered" and from "the address is the problem".
 */
export function AnswerHeadline({ answer }: { answer: AddressAnswer }) {
  const { t } = useTranslation();
  return (
    <section className={`answer answer-${answer.tone}`} data-tone={answer.tone} aria-label={t('ticket.answer')}>
      <span className="answer-tone">{t(`ticket.tone.${answer.tone}`)}</span>
      <p className="answer-text">{answer.headline}</p>
    </section>
  );
}
