/** Every format Rebond reads, in the order detection tries them. */
import type { FormatImporter } from './importer';
import { mailjetImporter } from './mailjet/mailjet';
import { postfixImporter } from './postfix/postfix';

export const FORMATS: FormatImporter[] = [mailjetImporter, postfixImporter];
