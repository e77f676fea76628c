import { useTranslation } from 'react-i18next';
import type { AddressStatus } from '../../core/model/status';
import { STATUS_COLORS } from '../colors';

export function StatusBadge({ status }: { status: AddressStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status}`} style={{ backgroundColor: STATUS_COLORS[status] }}>
      {t(`statuses.${status}`)}
    </span>
  );
}
