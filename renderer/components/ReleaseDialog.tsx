import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressReport, ReleaseResult, ReleaseRiskResult } from '../../core/contract';
import { errorMessage, useApp } from '../app-context';
import { sayOr } from '../problem-words';
import { formatCount, formatRate } from '../format';
import { useEngineAnswer } from '../use-engine-answer';

const AGENT_KEY = 'rebond.agentName';

function rememberedAgent(): string {
  try {
    return localStorage.getItem(AGENT_KEY) ?? '';
  } catch {
    return '';
  }
}

function rememberAgent(name: string): void {
  try {
    localStorage.setItem(AGENT_KEY, name);
  } catch {
    // not fatal: the name is asked again next time
  }
}

type Kind = 'blacklist' | 'long' | 'soft';

function kindOf(status: AddressReport['status']): Kind {
  return status === 'blacklisted' ? 'blacklist' : status === 'long_quarantine' ? 'long' : 'soft';
}

/** What releasing this address would do to the next campaign's hard-bounce rate (seed 002: under 1 %). */
function RiskEstimate({ risk, error, kind }: { risk: ReleaseRiskResult | null; error: string | null; kind: Kind }) {
  const { t } = useTranslation();
  const { lang } = useApp();
  if (error) return <p className="muted">{t('address.riskFailed', { message: error })}</p>;
  if (!risk) return <p className="muted">{t('address.riskLoading')}</p>;
  // the engine's estimate covers long quarantines; for the others say why no bounce is expected
  const message = risk.verdict !== 'nothing_to_release' ? risk.message : kind === 'blacklist' ? t('address.riskBlacklist') : t('address.riskSoft');
  return (
    <>
      <p>
        <span className={`verdict verdict-${risk.verdict}`}>{t(`address.riskVerdict.${risk.verdict}`)}</span>{' '}
        {t('address.riskRate', {
          size: formatCount(lang, risk.campaignSize),
          rate: formatRate(lang, risk.expectedRate),
          limit: formatRate(lang, risk.limit),
        })}
      </p>
      <p className="muted small">{message}</p>
    </>
  );
}

/**
 * Release an address with the reason the policy requires (seed 002: a blacklist only at the
 * person's own written request, a long quarantine with a note), after showing the bounce risk.
 * The engine has the last word: a refused reason is shown as it explains itself.
 */
export function ReleaseDialog({ report, onClose, onReleased }: { report: AddressReport; onClose(): void; onReleased(result: ReleaseResult): void }) {
  const { t } = useTranslation();
  const { transport } = useApp();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState(rememberedAgent);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { value: risk, error: riskError } = useEngineAnswer('releaseRisk', { addresses: [report.address] });
  const kind = kindOf(report.status);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const guidance = kind === 'blacklist' ? t('address.releaseBlacklist') : kind === 'long' ? t('address.releaseLong') : t('address.releaseSoft');
  const example = kind === 'blacklist' ? t('address.reasonExampleBlacklist') : kind === 'long' ? t('address.reasonExampleLong') : t('address.reasonExampleSoft');

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-guidance`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const agent = by.trim();
            const result = await transport.call('release', { address: report.address, reason: reason.trim(), ...(agent ? { by: agent } : {}) });
            if (!result.ok) {
              setError(sayOr(result.problem, result.error ?? ''));
              return;
            }
            if (agent) rememberAgent(agent);
            onReleased(result);
            dialog.current?.close();
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id={`${id}-title`}>{t('address.releaseTitle', { address: report.address })}</h2>
        <section aria-labelledby={`${id}-requires`} className={kind === 'blacklist' ? 'dialog-block warning-text' : 'dialog-block policy-text'}>
          <h3 id={`${id}-requires`}>{t('address.releaseRequires')}</h3>
          <p id={`${id}-guidance`}>{guidance}</p>
        </section>
        <section aria-labelledby={`${id}-risk`} className="dialog-block risk">
          <h3 id={`${id}-risk`}>{t('address.risk')}</h3>
          <RiskEstimate risk={risk} error={riskError} kind={kind} />
        </section>
        <label className="field">
          <span>{t('address.reason')}</span>
          <textarea
            required
            minLength={3}
            rows={3}
            value={reason}
            placeholder={example}
            aria-invalid={error ? true : undefined}
            aria-errormessage={error ? `${id}-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('address.by')}</span>
          <input type="text" required value={by} autoComplete="name" onChange={(e) => setBy(e.target.value)} />
        </label>
        {error && (
          <div id={`${id}-error`} role="alert" className="refusal">
            <strong>{t('address.refused')}</strong> {error}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t('address.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={busy || reason.trim().length < 3 || by.trim().length === 0}>
            {t('address.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
