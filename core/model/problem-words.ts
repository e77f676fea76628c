/**
 * The problems of problems.ts in the engine's two languages: what the CLI prints, and the
 * `message` an API answer carries beside its code for a client that does not word codes itself.
 * The renderer has its own words for the same codes (renderer/i18n), checked by a test.
 *
 * The French words follow the Imprimerie nationale convention: U+00A0 (no-break space) before
 * « : » and inside « », U+202F (narrow no-break space) before « ; », « ? » and « ! »; checked by
 * test/language/french-typography.test.ts.
 */
import { pluralOf, type Lang } from './lang';
import type { LineProblem, Problem, ProblemCode, ProblemParams } from './problems';

type Wording = { [K in ProblemCode]: (p: ProblemParams[K]) => string };

const EN: Wording = {
  'file.empty': (p) => `${p.file} is empty: there is nothing to import.`,
  'file.notText': (p) => `${p.file} is not a text file (it holds binary content: an image, an archive, a spreadsheet…). Export the events as CSV or JSON, or import the mail server’s log.`,
  'file.notTextInGzip': (p) => `${p.file} is a .gz file whose content is not text (binary content inside the .gz).`,
  'file.damagedGzip': (p) => `${p.file} is a damaged or truncated .gz file: it cannot be decompressed.`,
  'file.missing': (p) => `${p.file} cannot be read: no such file.`,
  'file.denied': (p) => `${p.file} cannot be read: permission denied.`,
  'file.isFolder': (p) => `${p.file} is a folder, not a file.`,
  'file.notOnDisk': (p) => `${p.file} cannot be read from disk: drop a file from a folder.`,
  'file.unreadable': (p) => `${p.file} cannot be read: ${p.detail}.`,
  'format.unknownChoice': (p) => `${p.file}: unknown format “${p.format}”.`,
  'format.notRecognised': (p) => `${p.file}: not a format Rebond reads. Tried: ${p.tried}. The first line reads: “${p.firstLine}”.`,
  'format.powermtaColumns': (p) => `${p.file} looks like a PowerMTA accounting file, but its header has no ${p.missing} column; the header reads: “${p.header}”.`,
  'import.noEvents': (p) => `${p.file}: no event could be read as ${p.format}; ${count('en', p.count, 'line rejected', 'lines rejected')}.`,
  'import.diskFull': (p) => `${p.file} could not be imported: the disk holding ${p.folder} is full; this import needs about ${p.neededMb} MB there. Free some space and import the file again; nothing of it was stored.`,
  'import.diskFullFree': (p) => `${p.file} could not be imported: the disk holding ${p.folder} is full (${p.freeMb} MB free); this import needs about ${p.neededMb} MB there. Free some space and import the file again; nothing of it was stored.`,
  'import.databaseStopped': (p) => `${p.file} could not be imported: the database stopped on an internal error while reading it. The workspace was reopened and is as it was before this file; nothing of the file was stored. If it happens again, send the file to the Rebond team.`,
  'import.outOfMemory': (p) => `${p.file} could not be imported: there was not enough memory. Close other programs and import it again; nothing of it was stored.`,
  'import.databaseFailed': (p) => `${p.file} could not be imported: the database could not read it (an unexpected error). Nothing of it was stored.`,
  'import.failed': (p) => `${p.file} could not be imported: ${p.detail}`,
  'line.columns': (p) => `expected ${p.expected} columns, found ${p.found}`,
  'line.columnsMore': (p) => `expected ${p.expected} columns, found more`,
  'line.unclosedQuote': () => 'a quote (") is opened and never closed',
  'line.tooLong': (p) => `the line is longer than ${p.mb} MB, the most a record may hold`,
  'line.notUtf8': () => 'invalid characters (not UTF-8)',
  'line.eventType': (p) => `unknown event type “${p.value}”`,
  'line.eventTypeEmpty': () => 'no event type',
  'line.date': (p) => `unreadable date “${p.value}”`,
  'line.dateEmpty': () => 'no date',
  'line.notEmail': (p) => `not an e-mail address: “${p.value}”`,
  'line.noEmail': () => 'no e-mail address',
  'line.noStatus': () => 'no status',
  'line.unknownStatus': (p) => `unknown status “${p.value}”`,
  'line.noDate': () => 'no date',
  'line.json': (p) => `not valid JSON (“${p.found}” was not expected here, column ${p.column})`,
  'line.jsonToken': (p) => `not valid JSON (“${p.found}” was not expected here)`,
  'line.jsonEnds': () => 'not valid JSON (the document ends before it is complete)',
  'line.jsonUnclosed': (p) => `the JSON that starts here is not closed by the end of the file (line ${p.lastLine})`,
  'line.jsonOutside': (p) => `not valid JSON (“${p.text}” is outside any JSON document)`,
  'line.notMailjetObject': () => 'not a Mailjet event object',
  'line.notSyslog': () => 'not a syslog line (no time and program at its start)',
  'line.syslogTooLong': (p) => `a line of ${p.length} characters is not a syslog line`,
  'line.noTimestamp': () => 'a delivery line without a readable timestamp',
  'line.unknownDelivery': (p) => `unknown delivery status “${p.value}”`,
  'line.notExim': () => 'not an Exim mainlog line (no date and time at its start)',
  'line.noRecipient': () => 'no recipient address',
  'line.recipientUnclosed': () => 'the recipient address has no closing “>”',
  'line.noDeliveryFields': () => 'the recipient address is not followed by the delivery fields',
  'line.noDeliveryStatus': () => 'a delivery line without status=',
  'line.noEmailContactAlt': () => 'no e-mail address (the API gives it as “ContactAlt” when asked with ShowContactAlt=true)',
  'line.quoteSpans': (p) => `a quote (") opened on this line is closed only on line ${p.to}, so lines ${p.from} to ${p.to} were read as one record (expected ${p.expected} columns)`,
  'upload.gone': () => 'A dropped file is no longer available (it was already imported, or waited too long): drop it again.',
  'upload.tooMany': (p) => `Rebond already holds ${p.max} dropped files waiting to be imported. Drop at most ${p.max} files at a time; files never imported are cleared after ${p.minutes} minutes.`,
  'upload.tooBig': (p) => `This file is larger than ${p.size}, the most Rebond accepts from the browser. Import it with \`rebond import\` instead.`,
  'upload.interrupted': (p) => `“${p.file}” could not be sent to Rebond (the connection was lost).`,
  'host.stopping': () => 'Rebond is stopping: start `rebond serve` again, then drop the file again.',
  'host.stopped': () => 'Rebond is not running any more. Start it again (`rebond serve`), then reload this page.',
  'host.disconnected': () => 'This page is no longer connected to Rebond. Open the address printed by `rebond serve` again.',
  'host.noAnswer': (p) => `Rebond did not answer (HTTP ${p.status}).`,
  'host.databaseError': () => 'The workspace could not answer this request (a database error). The details are in the terminal where `rebond serve` runs.',
  'host.unexpected': () => 'Rebond ran into an unexpected problem with this request. The details are in the terminal where `rebond serve` runs.',
  'host.systemError': () => 'Rebond could not read or write a file on this computer for this request. The details are in the terminal where `rebond serve` runs.',
  'settings.timeZone': (p) => `Unknown time zone “${p.value}” (for example Europe/Paris).`,
  'settings.lang': (p) => `Unknown language “${p.value}” (fr or en).`,
  'settings.preset': (p) => `Unknown policy preset “${p.value}” (default or strict).`,
  'settings.policyFileType': () => 'The policy file must be a path, or nothing to use the preset.',
  'settings.policyFile': (p) => `${p.file}: the policy settings are not valid${p.fields ? ` (${p.fields})` : ''}.`,
  'settings.policyFileMissing': (p) => `${p.file}: the policy file does not exist.`,
  'settings.policyFileUnreadable': (p) => `${p.file}: the policy file cannot be read.`,
  'settings.policyFileNotJson': (p) => `${p.file}: the policy file is not valid JSON.`,
  'settings.policyFileNotObject': (p) => `${p.file}: the policy file must hold one JSON object { … }.`,
  'settings.policyFileChanged': (p) => `${p.file}: the policy file changed while it was read; try again.`,
  'release.nothingToRelease': (p) => `${p.address} is not in quarantine or on the blacklist (status: ${p.status}); there is nothing to release.`,
};

const FR: Wording = {
  'file.empty': (p) => `${p.file} est vide : il n’y a rien à importer.`,
  'file.notText': (p) => `${p.file} n’est pas un fichier texte (il contient des données binaires : une image, une archive, un tableur…). Exportez les événements en CSV ou en JSON, ou importez le journal du serveur de messagerie.`,
  'file.notTextInGzip': (p) => `${p.file} est un fichier .gz dont le contenu n’est pas du texte.`,
  'file.damagedGzip': (p) => `${p.file} est un fichier .gz endommagé ou tronqué : il ne peut pas être décompressé.`,
  'file.missing': (p) => `${p.file} ne peut pas être lu : ce fichier n’existe pas.`,
  'file.denied': (p) => `${p.file} ne peut pas être lu : accès refusé.`,
  'file.isFolder': (p) => `${p.file} est un dossier, pas un fichier.`,
  'file.notOnDisk': (p) => `${p.file} ne peut pas être lu sur le disque : déposez un fichier pris dans un dossier.`,
  'file.unreadable': (p) => `${p.file} ne peut pas être lu : ${p.detail}.`,
  'format.unknownChoice': (p) => `${p.file} : format inconnu « ${p.format} ».`,
  'format.notRecognised': (p) => `${p.file} : Rebond ne reconnaît pas ce format. Formats essayés : ${p.tried}. La première ligne est : « ${p.firstLine} ».`,
  'format.powermtaColumns': (p) => `${p.file} ressemble à un fichier de comptabilité PowerMTA, mais son en-tête n’a pas de colonne ${p.missing} ; l’en-tête est : « ${p.header} ».`,
  'import.noEvents': (p) => `${p.file} : aucun événement n’a pu être lu au format ${p.format} ; ${count('fr', p.count, 'ligne rejetée', 'lignes rejetées')}.`,
  'import.diskFull': (p) => `${p.file} n’a pas pu être importé : le disque qui contient ${p.folder} est plein ; cet import y demande environ ${p.neededMb} Mo. Libérez de la place et importez de nouveau le fichier ; rien n’en a été enregistré.`,
  'import.diskFullFree': (p) => `${p.file} n’a pas pu être importé : le disque qui contient ${p.folder} est plein (${p.freeMb} Mo libres) ; cet import y demande environ ${p.neededMb} Mo. Libérez de la place et importez de nouveau le fichier ; rien n’en a été enregistré.`,
  'import.databaseStopped': (p) => `${p.file} n’a pas pu être importé : la base de données s’est arrêtée sur une erreur interne pendant sa lecture. L’espace de travail a été rouvert tel qu’il était avant ce fichier ; rien du fichier n’a été enregistré. Si cela se reproduit, envoyez le fichier à l’équipe Rebond.`,
  'import.outOfMemory': (p) => `${p.file} n’a pas pu être importé : la mémoire a manqué. Fermez d’autres programmes et importez-le de nouveau ; rien n’en a été enregistré.`,
  'import.databaseFailed': (p) => `${p.file} n’a pas pu être importé : la base de données n’a pas pu le lire (erreur inattendue). Rien n’en a été enregistré.`,
  'import.failed': (p) => `${p.file} n’a pas pu être importé : ${p.detail}`,
  'line.columns': (p) => `${count('fr', p.expected, 'colonne attendue', 'colonnes attendues')}, la ligne en compte ${p.found}`,
  'line.columnsMore': (p) => `${count('fr', p.expected, 'colonne attendue', 'colonnes attendues')}, la ligne en compte davantage`,
  'line.unclosedQuote': () => 'un guillemet (") est ouvert et jamais refermé',
  'line.tooLong': (p) => `la ligne dépasse ${p.mb} Mo, le maximum pour un enregistrement`,
  'line.notUtf8': () => 'caractères invalides (pas de l’UTF-8)',
  'line.eventType': (p) => `type d’événement inconnu « ${p.value} »`,
  'line.eventTypeEmpty': () => 'pas de type d’événement',
  'line.date': (p) => `date illisible « ${p.value} »`,
  'line.dateEmpty': () => 'pas de date',
  'line.notEmail': (p) => `pas une adresse e-mail : « ${p.value} »`,
  'line.noEmail': () => 'pas d’adresse e-mail',
  'line.noStatus': () => 'pas de statut',
  'line.unknownStatus': (p) => `statut inconnu « ${p.value} »`,
  'line.noDate': () => 'pas de date',
  'line.json': (p) => `JSON invalide (« ${p.found} » n’est pas attendu ici, colonne ${p.column})`,
  'line.jsonToken': (p) => `JSON invalide (« ${p.found} » n’est pas attendu ici)`,
  'line.jsonEnds': () => 'JSON invalide (le document s’arrête avant d’être complet)',
  'line.jsonUnclosed': (p) => `le JSON qui commence ici n’est pas refermé à la fin du fichier (ligne ${p.lastLine})`,
  'line.jsonOutside': (p) => `JSON invalide (« ${p.text} » est en dehors de tout document JSON)`,
  'line.notMailjetObject': () => 'pas un événement Mailjet',
  'line.notSyslog': () => 'pas une ligne syslog (ni heure ni programme au début)',
  'line.syslogTooLong': (p) => `une ligne de ${p.length} caractères n’est pas une ligne syslog`,
  'line.noTimestamp': () => 'une ligne de distribution sans date lisible',
  'line.unknownDelivery': (p) => `statut de distribution inconnu « ${p.value} »`,
  'line.notExim': () => 'pas une ligne de journal Exim (ni date ni heure au début)',
  'line.noRecipient': () => 'pas d’adresse de destinataire',
  'line.recipientUnclosed': () => 'l’adresse du destinataire n’a pas de « > » fermant',
  'line.noDeliveryFields': () => 'l’adresse du destinataire n’est pas suivie des champs de distribution',
  'line.noDeliveryStatus': () => 'une ligne de distribution sans status=',
  'line.noEmailContactAlt': () => 'pas d’adresse e-mail (l’API la donne dans « ContactAlt » quand on la demande avec ShowContactAlt=true)',
  'line.quoteSpans': (p) => `un guillemet (") ouvert sur cette ligne n’est refermé qu’à la ligne ${p.to} : les lignes ${p.from} à ${p.to} ont été lues comme un seul enregistrement (${p.expected} colonnes attendues)`,
  'upload.gone': () => 'Un fichier déposé n’est plus disponible (il a déjà été importé, ou il a attendu trop longtemps) : déposez-le de nouveau.',
  'upload.tooMany': (p) => `Rebond garde déjà ${p.max} fichiers déposés en attente d’import. Déposez au plus ${p.max} fichiers à la fois ; les fichiers jamais importés sont effacés au bout de ${p.minutes} minutes.`,
  'upload.tooBig': (p) => `Ce fichier dépasse ${p.size}, le maximum que Rebond accepte depuis le navigateur. Importez-le plutôt avec \`rebond import\`.`,
  'upload.interrupted': (p) => `« ${p.file} » n’a pas pu être envoyé à Rebond (la connexion a été perdue).`,
  'host.stopping': () => 'Rebond s’arrête : relancez `rebond serve`, puis déposez de nouveau le fichier.',
  'host.stopped': () => 'Rebond ne fonctionne plus. Relancez-le (`rebond serve`), puis rechargez cette page.',
  'host.disconnected': () => 'Cette page n’est plus reliée à Rebond. Ouvrez de nouveau l’adresse affichée par `rebond serve`.',
  'host.noAnswer': (p) => `Rebond n’a pas répondu (HTTP ${p.status}).`,
  'host.databaseError': () => 'L’espace de travail n’a pas pu répondre à cette demande (erreur de la base de données). Le détail est dans le terminal où tourne `rebond serve`.',
  'host.unexpected': () => 'Rebond a rencontré un problème inattendu avec cette demande. Le détail est dans le terminal où tourne `rebond serve`.',
  'host.systemError': () => 'Rebond n’a pas pu lire ou écrire un fichier sur cet ordinateur pour cette demande. Le détail est dans le terminal où tourne `rebond serve`.',
  'settings.timeZone': (p) => `Fuseau horaire inconnu « ${p.value} » (par exemple Europe/Paris).`,
  'settings.lang': (p) => `Langue inconnue « ${p.value} » (fr ou en).`,
  'settings.preset': (p) => `Politique prédéfinie inconnue « ${p.value} » (default ou strict).`,
  'settings.policyFileType': () => 'Le fichier de politique doit être un chemin, ou rien pour utiliser la politique prédéfinie.',
  'settings.policyFile': (p) => `${p.file} : les réglages de politique ne sont pas valides${p.fields ? ` (${p.fields})` : ''}.`,
  'settings.policyFileMissing': (p) => `${p.file} : ce fichier de politique n’existe pas.`,
  'settings.policyFileUnreadable': (p) => `${p.file} : ce fichier de politique ne peut pas être lu.`,
  'settings.policyFileNotJson': (p) => `${p.file} : ce fichier de politique n’est pas du JSON valide.`,
  'settings.policyFileNotObject': (p) => `${p.file} : ce fichier de politique doit contenir un seul objet JSON { … }.`,
  'settings.policyFileChanged': (p) => `${p.file} : le fichier de politique a changé pendant sa lecture ; réessayez.`,
  'release.nothingToRelease': (p) => `${p.address} n’est ni en quarantaine ni en liste noire : il n’y a rien à libérer.`,
};

const WORDS: Record<Lang, Wording> = { en: EN, fr: FR };

/** "1 line rejected", "2 lines rejected", "aucune ligne rejetée" — never "line(s)". */
function count(lang: Lang, n: number, one: string, other: string): string {
  if (n === 0 && lang === 'fr') return `aucune ${one}`;
  const formatted = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n);
  return `${formatted} ${pluralOf(lang, n, { one, other })}`;
}

export function wordProblem(p: Problem, lang: Lang): string {
  const words = WORDS[lang][p.code] as (params: Problem['params']) => string;
  return words(p.params);
}

/** A rejected line's problem, with the lines an unclosed quote swallowed. */
export function wordLineProblem(p: LineProblem, lang: Lang): string {
  const text = wordProblem(p, lang);
  if (!p.swallowed) return text;
  return lang === 'fr'
    ? `${text} ; ${p.swallowed === 1 ? 'la ligne suivante a été lue' : `les ${count('fr', p.swallowed, '', '').trim()} lignes suivantes ont été lues`} comme faisant partie de celle-ci`
    : `${text}; ${p.swallowed === 1 ? 'the line after it was' : `the ${count('en', p.swallowed, 'line', 'lines')} after it were`} read as part of it`;
}
