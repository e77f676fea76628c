import { useTranslation } from 'react-i18next';

/** An error in plain words, announced to screen readers. */
export function Alert({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          {t('app.dismiss')}
        </button>
      )}
    </div>
  );
}
