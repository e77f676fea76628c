/**
 * The only sites Rebond's window may send the user's browser to. The renderer shows server texts
 * written by strangers; a link in one must not become a click that opens any site (a phishing
 * page, a `https://` URL handled by some other app). Today the renderer opens no link at all:
 * this list is what a future "open in browser" may reach — deliverability help a support agent
 * uses. Exact host names (no subdomains), https only, default port, no credentials.
 */
export const EXTERNAL_LINK_HOSTS: readonly { host: string; why: string }[] = [
  { host: 'support.google.com', why: "Gmail's bounce replies link their explanation here (p=NoSuchUser, p=OverQuotaTemp…)" },
  { host: 'postmaster.google.com', why: "Google Postmaster Tools: the sender's reputation and spam rate at Gmail" },
  { host: 'postmaster.live.com', why: "Outlook.com's sender information and SNDS" },
  { host: 'sendersupport.olc.protection.outlook.com', why: "Microsoft's delisting form, quoted in Outlook.com blocks (S3150…)" },
  { host: 'documentation.mailjet.com', why: "Mailjet's help articles, which the explanations follow" },
  { host: 'check.spamhaus.org', why: 'Spamhaus blocklist lookups, quoted in blocked replies' },
];
