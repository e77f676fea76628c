/** The policy room's public API (SPEC §5, issue 5): pure functions over one address's events. */
export {
  DEFAULT_POLICY,
  STRICT_POLICY,
  MAJOR_DOMAINS,
  POLICY_PRESETS,
  presetPolicy,
  parsePolicy,
  loadPolicyFile,
  isMajorDomain,
  DEFAULT_INCIDENT_SETTINGS,
  incidentSettingsOf,
  type IncidentSettings,
  type Policy,
  type PolicyPresetName,
  type PolicyResult,
  type PolicyError,
  type PolicyIssue,
} from './settings';
export {
  reconstructAddress,
  effectOf,
  Effect,
  IMPORTED_STATUSES,
  type AddressHistory,
  type ImportedListEntry,
  type ImportedStatus,
  type PolicyPeriod,
  type PeriodEnd,
  type ReconstructInput,
} from './reconstruct';
export { explainHistory, formatDay, serverText, EXPLANATION_TEXTS, type Lang } from './explain';
export {
  validateRelease,
  estimateReleaseRisk,
  recordsPersonsRequest,
  REQUEST_WORDS,
  BLACKLIST_REASON_MIN_CHARS,
  LONG_QUARANTINE_NOTE_MIN_CHARS,
  REBOUNCE_LIKELIHOOD,
  CAMPAIGN_HARD_BOUNCE_LIMIT,
  type ReleaseRequest,
  type ReleaseCheck,
  type ReleaseError,
  type ReleaseErrorCode,
  type ReleaseRisk,
  type ReleasableStatus,
} from './release';
export type { ReleaseRiskFigures, ReleaseRiskVerdict } from './release-risk';
export {
  reconstructAll,
  reconstructAllSync,
  reconstructAllHistories,
  type AddressStatusRow,
  type ReconstructAllOptions,
  type EventBatchSource,
} from './stream';
