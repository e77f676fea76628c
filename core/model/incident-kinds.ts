/** The kinds of platform incident Rebond finds (SPEC §6): the CLI's `--kind`, the host's checks and the detectors share this list. */
export const INCIDENT_KINDS = ['throttling', 'complaint_spike', 'deferral_surge', 'bounce_rate', 'delay', 'provider_block'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
