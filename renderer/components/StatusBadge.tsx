import { useTranslation } from 'react-i18next';
import type { AddressStatus } from '../../core/model/status';
import { STATUS_COLORS } from '../colors';

/** The status as a coloured pill; its colours pass WCAG AA with white text (renderer/colors.ts). */
export function StatusBadge({ status, small }: { status: AddressStatus; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status}${small ? ' small' : ''}`} style={{ backgroundColor: STATUS_COLORS[status] }}>
      {t(`statuses.${status}`)}
    </span>
  );
}
