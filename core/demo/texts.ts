/**
 * Real-looking server replies for the demo dataset, per receiving domain — the wording the
 * providers actually use (Gmail, Microsoft, Yahoo, Orange, Free, SFR, La Poste).
 */
export interface DemoDomain {
  domain: string;
  /** share of the population */
  weight: number;
  delivered: string;
  userUnknown: string;
  mailboxFull: string;
}

export const DEMO_DOMAINS: DemoDomain[] = [
  {
    domain: 'gmail.com',
    weight: 34,
    delivered: 'sent (250 2.0.0 OK 1610877901 a12si2011783wrx.187 - gsmtp)',
    userUnknown:
      "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser a12si2011783wrx.187 - gsmtp",
    mailboxFull:
      '452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp b3si99120wrs.42 - gsmtp',
  },
  {
    domain: 'orange.fr',
    weight: 14,
    delivered: 'sent (250 2.0.0 Ok queued as 4DKx2F0v1Wz8p)',
    userUnknown: "550 5.1.1 Adresse d'au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
    mailboxFull: '452 4.2.2 Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]',
  },
  {
    domain: 'free.fr',
    weight: 9,
    delivered: 'sent (250 2.0.0 Ok: queued as 5F1A23C0012)',
    userUnknown: '550 5.1.1 <{email}>: Recipient address rejected: User unknown in local recipient table',
    mailboxFull: '452 4.2.2 <{email}>: Recipient address rejected: Quota exceeded (mailbox for user is full)',
  },
  {
    domain: 'sfr.fr',
    weight: 5,
    delivered: 'sent (250 2.0.0 Ok: queued as 4CqPlq1BxGz1x)',
    userUnknown: '550 5.1.1 <{email}>: Recipient address rejected: Utilisateur inconnu',
    mailboxFull: '452 4.2.2 Boite pleine / mailbox full',
  },
  {
    domain: 'laposte.net',
    weight: 5,
    delivered: 'sent (250 2.0.0 Ok: queued as 9A1B2C3D4E)',
    userUnknown: '550 5.1.1 <{email}>: Recipient address rejected: User unknown',
    mailboxFull: '452 4.2.2 <{email}>: Recipient address rejected: Over quota',
  },
  {
    domain: 'yahoo.fr',
    weight: 6,
    delivered: 'sent (250 ok dirdel)',
    userUnknown:
      "554 delivery error: dd This user doesn't have a yahoo.fr account ({email}) [0] - mta1012.mail.ir2.yahoo.com",
    mailboxFull: '452 4.2.2 Over quota - mta1012.mail.ir2.yahoo.com',
  },
  {
    domain: 'hotmail.fr',
    weight: 12,
    delivered: 'sent (250 2.6.0 <20210117100501.1234@mailjet.com> [InternalId=1234567, Hostname=AM6EUR05HT123.eop-eur05.prod.protection.outlook.com] Queued mail for delivery)',
    userUnknown:
      '550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM6EUR05FT012.eop-eur05.prod.protection.outlook.com]',
    mailboxFull: '452 4.2.2 Mailbox full',
  },
  {
    domain: 'wanadoo.fr',
    weight: 5,
    delivered: 'sent (250 2.0.0 Ok queued as 4DKx2F0v1Wz9q)',
    userUnknown: "550 5.1.1 Adresse d'au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
    mailboxFull: '452 4.2.2 Boite du destinataire pleine. Recipient mailbox full. OFR_417 [417]',
  },
  {
    domain: 'asso-quartier.fr',
    weight: 5,
    delivered: 'sent (250 2.0.0 Ok: queued as 1B2C3D4E5F)',
    userUnknown: '550 5.1.1 <{email}>: Recipient address rejected: User unknown in virtual mailbox table',
    mailboxFull: '452 4.2.2 <{email}>: Recipient address rejected: Mailbox is full',
  },
  {
    domain: 'ferme-bio.org',
    weight: 5,
    delivered: 'sent (250 OK id=1lB2c3-0004ft-Fe)',
    userUnknown: '550 5.1.1 No such user here',
    mailboxFull: '452 4.2.2 Mailbox quota exceeded',
  },
];

/** Replies that are the sender's problem, not the address's (seed 002: never quarantine). */
export const SENDER_SIDE_REPLIES = {
  microsoftBlockList:
    "550 5.7.1 Unfortunately, messages from [87.253.232.12] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
  spamhaus:
    '554 5.7.1 Service unavailable; Client host [87.253.232.12] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/87.253.232.12',
  laposteLinks: '550 5.7.1 Message refuse: liens http non securises. Utilisez https. LPN007_402',
  freeTooManyErrors: '421 4.7.0 Too many errors from your IP 87.253.232.12, please try later',
};

export const FIRST_NAMES = [
  'jean', 'marie', 'pierre', 'sophie', 'luc', 'camille', 'paul', 'lea', 'hugo', 'chloe', 'louis', 'emma',
  'nathalie', 'thomas', 'julie', 'nicolas', 'claire', 'antoine', 'manon', 'julien', 'sarah', 'alexandre',
];
export const LAST_NAMES = [
  'martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy', 'moreau', 'simon',
  'laurent', 'lefebvre', 'michel', 'garcia', 'david', 'bertrand', 'roux', 'vincent', 'fournier', 'morel',
];
