/** Test helpers: events that read like the seeds' cases. Used by the policy tests and the bench. */
import type { DeliveryEvent, EventType } from '../model/event';

let nextLine = 1;

export function event(time: string, type: EventType, address: string, fields: Partial<DeliveryEvent> = {}): DeliveryEvent {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return {
    time,
    address,
    domain,
    type,
    category: null,
    severity: null,
    actor: null,
    countsAgainstAddress: false,
    rule: null,
    smtpCode: null,
    enhancedCode: null,
    diagnostic: null,
    messageId: null,
    campaign: null,
    sender: null,
    relay: null,
    delaySeconds: null,
    source: { importId: 1, file: 'mailjet-events.csv', line: nextLine++ },
    ...fields,
  };
}

/** "452 4.2.2 mailbox full": a soft bounce that counts (seed 002 "boite pleine"). */
export const mailboxFull = (time: string, address: string): DeliveryEvent =>
  event(time, 'soft_bounce', address, {
    category: 'mailbox_full',
    severity: 'soft',
    actor: 'recipient',
    countsAgainstAddress: true,
    smtpCode: 452,
    enhancedCode: '4.2.2',
    diagnostic: 'mailbox full',
  });

/** "550 5.1.1 user unknown": a hard bounce that counts. */
export const userUnknown = (time: string, address: string): DeliveryEvent =>
  event(time, 'hard_bounce', address, {
    category: 'user_unknown',
    severity: 'hard',
    actor: 'recipient',
    countsAgainstAddress: true,
    smtpCode: 550,
    enhancedCode: '5.1.1',
    diagnostic: "550 5.1.1 The email account that you tried to reach does not exist.",
  });

/** A Spamhaus listing of our IP: a hard bounce about the sender, never about the address. */
export const spamhausBlock = (time: string, address: string): DeliveryEvent =>
  event(time, 'hard_bounce', address, {
    category: 'sender_blocklisted',
    severity: 'hard',
    actor: 'sender_reputation',
    countsAgainstAddress: false,
    smtpCode: 554,
    enhancedCode: '5.7.1',
    diagnostic: 'Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
  });

export const delivered = (time: string, address: string): DeliveryEvent =>
  event(time, 'delivered', address, { smtpCode: 250, diagnostic: '250 2.0.0 OK' });

export const complaint = (time: string, address: string, sender: string | null = null): DeliveryEvent =>
  event(time, 'complaint', address, { sender });
