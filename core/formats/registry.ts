/** Every format Rebond reads, in the order detection tries them. */
import type { FormatImporter } from './importer';
import { mailjetImporter } from './mailjet/mailjet';
import { postfixImporter } from './postfix/postfix';
import { eximImporter } from './exim/exim';
import { powermtaImporter } from './powermta/powermta';
import { mailjetHistoryImporter } from './mailjet/history';
import { assoconnectImporter } from './assoconnect/assoconnect';

export const FORMATS: FormatImporter[] = [
  mailjetImporter,
  mailjetHistoryImporter,
  assoconnectImporter,
  powermtaImporter,
  postfixImporter,
  eximImporter,
];
