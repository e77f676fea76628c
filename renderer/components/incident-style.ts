/** One colour per kind of incident: the bands on the charts and the tags in the list read alike. */
import type { IncidentKind } from '../../core/contract';

export const INCIDENT_COLORS: Record<IncidentKind, string> = {
  throttling: '#c2410c',
  complaint_spike: '#b8326b',
  deferral_surge: '#b7791f',
  bounce_rate: '#7b5ea7',
  delay: '#2563eb',
  provider_block: '#b91c1c',
};
