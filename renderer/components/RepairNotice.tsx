import { useTranslation } from 'react-i18next';
import type { WorkspaceRepair } from '../../core/contract';

/**
 * What opening the workspace repaired after a crash (an import killed half-way): the person who
 * imported must know that a file needs importing again.
 */
export function RepairNotice({ repairs }: { repairs: WorkspaceRepair[] }) {
  const { t } = useTranslation();
  if (repairs.length === 0) return null;
  return (
    <div role="status" className="notice">
      <p>{t('import.repaired.title')}</p>
      <ul>
        {repairs.map((r) => (
          <li key={`${r.kind}-${r.importId}`}>
            {r.kind === 'incomplete_import'
              ? t('import.repaired.incomplete', { name: r.displayName ?? `#${r.importId}` })
              : t('import.repaired.unlisted', { count: r.events })}
          </li>
        ))}
      </ul>
    </div>
  );
}
