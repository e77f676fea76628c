/**
 * Mailjet's vocabulary as data, from Mailjet's Event API documentation: Event API / webhook fields, the
 * message-history fields, and how each event or status maps onto our event types.
 */
import type { EventType } from '../../model/event';
import type { Synonyms } from '../header';

export type MailjetField =
  | 'event'
  | 'time'
  | 'email'
  | 'hardBounce'
  | 'errorRelatedTo'
  | 'error'
  | 'comment'
  | 'smtpReply'
  | 'messageId'
  | 'customCampaign'
  | 'campaignId'
  | 'subject'
  | 'source';

/** Header names by meaning, first match wins; compared without case, accents or punctuation. */
export const MAILJET_COLUMNS: Synonyms<MailjetField> = {
  event: ['event', 'EventType', 'Status', 'Event type', 'Type'],
  time: ['time', 'EventAt', 'ArrivedAt', 'Date', 'Timestamp', 'Event date'],
  email: ['email', 'E-mail', 'Contact', 'ContactAlt', 'Recipient', 'To'],
  hardBounce: ['hard_bounce', 'StatePermanent', 'Hard bounce'],
  errorRelatedTo: ['error_related_to', 'Error related to'],
  error: ['error', 'State', 'Error'],
  comment: ['comment', 'Comment', 'SMTP response'],
  smtpReply: ['smtp_reply', 'SMTP reply'],
  messageId: ['MessageID', 'Message_ID', 'mj_message_id', 'Message ID', 'ID'],
  customCampaign: ['customcampaign', 'Custom campaign'],
  campaignId: ['mj_campaign_id', 'CampaignID', 'Campaign'],
  // the message API's `Subject` (FORMATS.md), and the web app's French download
  subject: ['Subject', 'Objet'],
  source: ['source'],
};

/** Event API `event` values and message-history `Status`/`EventType` values, lower-cased. */
export const MAILJET_EVENT_TYPES: Record<string, EventType> = {
  queued: 'requested',
  sent: 'delivered',
  delivered: 'delivered',
  open: 'open',
  opened: 'open',
  click: 'click',
  clicked: 'click',
  bounce: 'soft_bounce', // `hard_bounce: true` makes it hard
  bounced: 'soft_bounce',
  softbounced: 'soft_bounce',
  hardbounced: 'hard_bounce',
  deferred: 'deferred',
  blocked: 'blocked',
  spam: 'complaint',
  unsub: 'unsubscribe',
  unsubscribed: 'unsubscribe',
};

/**
 * Message-history exports (`/message`, `/messagehistory`, what the app's history downloads
 * carry): these headers say the file is one, rather than an Event API export.
 */
export type MailjetHistoryField = 'stateId' | 'state' | 'statePermanent' | 'comment';

export const MAILJET_HISTORY_COLUMNS: Synonyms<MailjetHistoryField> = {
  stateId: ['StateID', 'State ID'],
  state: ['State', 'Error', 'Error message'],
  statePermanent: ['StatePermanent', 'State permanent', 'Permanent'],
  comment: ['Comment', 'SMTP response', 'smtp_reply', 'Server response'],
};

/** Header names of the message API and message-history exports, compared without case. */
export const MAILJET_HISTORY_OWN = ['StateID', 'StatePermanent', 'ArrivedAt', 'EventAt', 'EventType', 'AttemptCount', 'ContactAlt', 'Useragent'];

/** Header names only the Event API / webhook exports carry. */
export const MAILJET_EVENT_OWN = ['mj_campaign_id', 'mj_contact_id', 'error_related_to', 'hard_bounce', 'Message_GUID', 'customcampaign', 'smtp_reply'];
