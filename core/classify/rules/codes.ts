/**
 * Code-only fallbacks, used when no text rule and no hint decided: the enhanced status code
 * (RFC 3463, RFC 7372, RFC 7505, RFC 8689, RFC 5248 registry, Microsoft's extensions), then the
 * basic reply code (RFC 5321). The code alone is weak evidence (providers put reputation blocks
 * under 5.7.1 and unknown users under 5.5.0), which is why it comes last.
 */
import type { Rule } from '../rule-types';

const RFC3463 = 'RFC 3463 enhanced status codes';
const BARE = (code: string, enh: string): string => `host mx.example.net[192.0.2.1] said: ${code} ${enh} (in reply to RCPT TO command)`;

export const ENHANCED_RULES: readonly Rule[] = [
  { id: 'enh-x.1.1-bad-mailbox', category: 'user_unknown', enhanced: 'x.1.1', example: BARE('550', '5.1.1'), source: RFC3463 },
  { id: 'enh-x.1.2-bad-system', category: 'domain_invalid', enhanced: 'x.1.2', example: BARE('550', '5.1.2'), source: RFC3463 },
  { id: 'enh-x.1.3-bad-syntax', category: 'address_invalid', enhanced: 'x.1.3', example: BARE('501', '5.1.3'), source: RFC3463 },
  { id: 'enh-x.1.6-moved', category: 'user_unknown', enhanced: 'x.1.6', example: BARE('551', '5.1.6'), source: RFC3463 },
  { id: 'enh-x.1.7-bad-sender-syntax', category: 'policy', actor: 'sender_config', enhanced: 'x.1.7', example: BARE('553', '5.1.7'), source: RFC3463 },
  { id: 'enh-x.1.8-bad-sender-system', category: 'policy', actor: 'sender_config', enhanced: 'x.1.8', example: BARE('553', '5.1.8'), source: RFC3463 },
  { id: 'enh-x.1.10-null-mx', category: 'domain_invalid', enhanced: 'x.1.10', example: BARE('556', '5.1.10'), source: 'RFC 7505 (null MX)' },
  { id: 'enh-x.2.1-disabled', category: 'mailbox_inactive', enhanced: 'x.2.1', example: BARE('550', '5.2.1'), source: RFC3463 },
  { id: 'enh-x.2.2-full', category: 'mailbox_full', enhanced: 'x.2.2', example: BARE('552', '5.2.2'), source: RFC3463 },
  { id: 'enh-x.2.3-too-long', category: 'message_too_large', enhanced: 'x.2.3', example: BARE('552', '5.2.3'), source: RFC3463 },
  { id: 'enh-x.3.1-system-full', category: 'server_unavailable', actor: 'recipient_domain', enhanced: 'x.3.1', example: BARE('452', '4.3.1'), source: RFC3463 },
  { id: 'enh-x.3.4-too-big', category: 'message_too_large', enhanced: 'x.3.4', example: BARE('552', '5.3.4'), source: RFC3463 },
  { id: 'enh-x.3.x-mail-system', category: 'server_unavailable', actor: 'recipient_domain', enhanced: 'x.3.x', example: BARE('451', '4.3.0'), source: RFC3463 },
  { id: 'enh-5.4.4-unable-to-route', category: 'domain_invalid', enhanced: '5.4.4', example: BARE('550', '5.4.4'), source: RFC3463 },
  { id: 'enh-4.4.4-unable-to-route', category: 'domain_unreachable', enhanced: '4.4.4', example: BARE('451', '4.4.4'), source: RFC3463 },
  { id: 'enh-x.4.3-directory', category: 'domain_unreachable', enhanced: 'x.4.3', example: BARE('451', '4.4.3'), source: RFC3463 },
  { id: 'enh-x.4.6-loop', category: 'domain_unreachable', enhanced: 'x.4.6', example: BARE('554', '5.4.6'), source: RFC3463 },
  { id: 'enh-x.4.7-expired', category: 'expired', enhanced: 'x.4.7', example: BARE('554', '4.4.7'), source: RFC3463 },
  { id: 'enh-x.4.x-network', category: 'server_unavailable', enhanced: 'x.4.x', example: BARE('421', '4.4.2'), source: RFC3463 },
  { id: 'enh-x.5.x-protocol', category: 'config', enhanced: /^[45]\.5\.[1-9]\d*$/, example: BARE('503', '5.5.1'), given: { enhancedCode: '5.5.1' }, source: `${RFC3463} (X.5.0 alone says nothing)` },
  { id: 'enh-x.6.x-content', category: 'policy', enhanced: 'x.6.x', example: BARE('554', '5.6.0'), source: RFC3463 },
  { id: 'enh-x.7.13-account-disabled', category: 'mailbox_inactive', enhanced: 'x.7.13', example: BARE('525', '5.7.13'), source: 'RFC 5248 registry (user account disabled)' },
  { id: 'enh-x.7.20-dkim', category: 'auth_failure', enhanced: /^[45]\.7\.(?:2[0-4]|26|5|6|7|8|12|32)$/, example: BARE('550', '5.7.23'), given: { enhancedCode: '5.7.23' }, source: 'RFC 7372 / RFC 3463 (authentication failures)' },
  { id: 'enh-x.7.25-reverse-dns', category: 'config', enhanced: 'x.7.25', example: BARE('550', '5.7.25'), source: 'RFC 7372 (reverse DNS validation failed)' },
  { id: 'enh-x.7.tls', category: 'config', enhanced: /^[45]\.7\.(?:3|4|10|11|15|16|17|18|19|29|30)$/, example: BARE('530', '5.7.11'), given: { enhancedCode: '5.7.11' }, source: 'RFC 3463 / RFC 8689 (encryption, priority, REQUIRETLS)' },
  { id: 'enh-x.7.27-sender-null-mx', category: 'policy', actor: 'sender_config', enhanced: 'x.7.27', example: BARE('550', '5.7.27'), source: 'RFC 7505 (sender address has null MX)' },
  { id: 'enh-x.7.28-mail-flood', category: 'rate_limited', enhanced: 'x.7.28', example: BARE('421', '4.7.28'), source: 'RFC 5248 registry (mail flood detected)' },
  { id: 'enh-ms-5.7.606-banned-ip', category: 'sender_blocklisted', enhanced: /^5\.7\.(?:60[6-9]|51[01])$/, example: BARE('550', '5.7.606'), given: { enhancedCode: '5.7.606' }, source: 'Microsoft 365 NDR 5.7.606-609, 5.7.511' },
  { id: 'enh-x.7.x-security', category: 'policy', enhanced: 'x.7.x', example: BARE('550', '5.7.1'), source: RFC3463 },
];

export const CODE_RULES: readonly Rule[] = [
  { id: 'code-2xx-success', category: 'unknown', severity: 'none', code: '2xx', example: '250 2.0.0 OK 1433333948 fa5si855896wjc.199 - gsmtp', source: 'FORMATS.md (Mailjet sent smtp_reply)' },
  { id: 'code-421-service-unavailable', category: 'server_unavailable', code: 421, example: '421', source: 'RFC 5321 (421 service not available)' },
  { id: 'code-45x-temporary', category: 'server_unavailable', code: [450, 451, 452], example: 'host mx.example.net[192.0.2.1] said: 451 (in reply to RCPT TO command)', source: 'RFC 5321 (450/451/452)' },
  { id: 'code-50x-syntax', category: 'config', code: [500, 501, 502, 503, 504], example: 'host mx.example.net[192.0.2.1] said: 502 (in reply to end of DATA command)', source: 'RFC 5321 (500-504 syntax / command errors)' },
  { id: 'code-521-no-mail', category: 'domain_invalid', code: [521, 556], example: 'host mx.example.net[192.0.2.1] said: 521 (in reply to RCPT TO command)', source: 'RFC 7504 (521 / 556 does not accept mail)' },
  { id: 'code-530-auth-required', category: 'config', code: [530, 535], example: 'host mx.example.net[192.0.2.1] said: 530 (in reply to RCPT TO command)', source: 'RFC 4954 (530 authentication required)' },
  { id: 'code-551-user-not-local', category: 'user_unknown', code: 551, example: 'host mx.example.net[192.0.2.1] said: 551 (in reply to RCPT TO command)', source: 'RFC 5321 (551 user not local)' },
  { id: 'code-552-storage', category: 'mailbox_full', code: 552, example: 'host mx.example.net[192.0.2.1] said: 552 (in reply to RCPT TO command)', source: 'RFC 5321 (552 exceeded storage allocation)' },
];
