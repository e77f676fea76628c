/**
 * What can go wrong, as a code and its parameters — never as a sentence. The engine says which
 * problem it met; each shell words it in its own language (the renderer through its i18n files,
 * the CLI through problem-words.ts). One list, so that the shells cannot drift: a code added here
 * without its words in both languages stops the build (problem-words.ts) and the tests
 * (renderer/i18n/strings.test.ts).
 *
 * `file` is always the file as the user knows it (its display name), never a temporary copy.
 */

export interface ProblemParams {
  // ---- a whole file could not be imported
  'file.empty': { file: string };
  'file.notText': { file: string };
  'file.notTextInGzip': { file: string };
  'file.damagedGzip': { file: string };
  'file.missing': { file: string };
  'file.denied': { file: string };
  'file.isFolder': { file: string };
  /** dropped on the desktop app from somewhere that is not a folder (a mail attachment, a browser download bar) */
  'file.notOnDisk': { file: string };
  'file.unreadable': { file: string; detail: string };
  'format.unknownChoice': { file: string; format: string };
  'format.notRecognised': { file: string; tried: string; firstLine: string };
  'format.powermtaColumns': { file: string; missing: string; header: string };
  'import.noEvents': { file: string; format: string; count: number };
  'import.diskFull': { file: string; folder: string; neededMb: number };
  'import.diskFullFree': { file: string; folder: string; neededMb: number; freeMb: number };
  'import.databaseStopped': { file: string };
  'import.outOfMemory': { file: string };
  'import.databaseFailed': { file: string };
  'import.failed': { file: string; detail: string };
  // ---- one line of a file was rejected (the line number travels beside the problem)
  'line.columns': { expected: number; found: number };
  'line.columnsMore': { expected: number };
  'line.unclosedQuote': Record<string, never>;
  'line.tooLong': { mb: number };
  'line.notUtf8': Record<string, never>;
  'line.eventType': { value: string };
  'line.eventTypeEmpty': Record<string, never>;
  'line.date': { value: string };
  'line.dateEmpty': Record<string, never>;
  'line.notEmail': { value: string };
  'line.noEmail': Record<string, never>;
  'line.noStatus': Record<string, never>;
  'line.unknownStatus': { value: string };
  'line.noDate': Record<string, never>;
  /** JSON.parse stopped at a character it did not expect, at this column of the line */
  'line.json': { found: string; column: number };
  /** JSON.parse did not expect this token, and did not say where */
  'line.jsonToken': { found: string };
  /** the JSON document ends before it is complete */
  'line.jsonEnds': Record<string, never>;
  'line.jsonUnclosed': { lastLine: number };
  'line.jsonOutside': { text: string };
  'line.notMailjetObject': Record<string, never>;
  'line.notSyslog': Record<string, never>;
  'line.syslogTooLong': { length: number };
  'line.noTimestamp': Record<string, never>;
  'line.unknownDelivery': { value: string };
  'line.notExim': Record<string, never>;
  'line.noRecipient': Record<string, never>;
  'line.recipientUnclosed': Record<string, never>;
  'line.noDeliveryFields': Record<string, never>;
  'line.noDeliveryStatus': Record<string, never>;
  'line.noEmailContactAlt': Record<string, never>;
  /** a CSV record with the wrong column count because a quote opened on its first line took in the line breaks up to `to` */
  'line.quoteSpans': { from: number; to: number; expected: number };
  // ---- the host and the settings
  'upload.gone': Record<string, never>;
  'upload.tooMany': { max: number; minutes: number };
  'upload.tooBig': { size: string };
  'upload.interrupted': { file: string };
  'host.stopping': Record<string, never>;
  'host.stopped': Record<string, never>;
  'host.disconnected': Record<string, never>;
  'host.noAnswer': { status: number };
  'host.databaseError': Record<string, never>;
  'host.unexpected': Record<string, never>;
  'host.systemError': Record<string, never>;
  'settings.timeZone': { value: string };
  'settings.lang': { value: string };
  'settings.preset': { value: string };
  'settings.policyFileType': Record<string, never>;
  'settings.policyFile': { file: string; fields: string };
  'settings.policyFileMissing': { file: string };
  'settings.policyFileUnreadable': { file: string };
  'settings.policyFileNotJson': { file: string };
  'settings.policyFileNotObject': { file: string };
  'settings.policyFileChanged': { file: string };
  // ---- releases
  'release.nothingToRelease': { address: string; status: string };
}

export type ProblemCode = keyof ProblemParams;

export type Problem<C extends ProblemCode = ProblemCode> = { [K in C]: { code: K; params: ProblemParams[K] } }[C];

/**
 * A rejected line's problem. `swallowed` counts the lines an unclosed quote made part of this
 * one (they are rejected with it).
 */
export type LineProblem = Problem & { swallowed?: number };

export function problem<C extends ProblemCode>(code: C, params: ProblemParams[C]): Problem<C> {
  return { code, params } as Problem<C>;
}

/** Every code, for the tests that check each shell words each of them. */
export const PROBLEM_CODES = [
  'file.empty',
  'file.notText',
  'file.notTextInGzip',
  'file.damagedGzip',
  'file.missing',
  'file.denied',
  'file.isFolder',
  'file.notOnDisk',
  'file.unreadable',
  'format.unknownChoice',
  'format.notRecognised',
  'format.powermtaColumns',
  'import.noEvents',
  'import.diskFull',
  'import.diskFullFree',
  'import.databaseStopped',
  'import.outOfMemory',
  'import.databaseFailed',
  'import.failed',
  'line.columns',
  'line.columnsMore',
  'line.unclosedQuote',
  'line.tooLong',
  'line.notUtf8',
  'line.eventType',
  'line.eventTypeEmpty',
  'line.date',
  'line.dateEmpty',
  'line.notEmail',
  'line.noEmail',
  'line.noStatus',
  'line.unknownStatus',
  'line.noDate',
  'line.json',
  'line.jsonEnds',
  'line.jsonToken',
  'line.jsonUnclosed',
  'line.jsonOutside',
  'line.notMailjetObject',
  'line.notSyslog',
  'line.syslogTooLong',
  'line.noTimestamp',
  'line.unknownDelivery',
  'line.notExim',
  'line.noRecipient',
  'line.recipientUnclosed',
  'line.noDeliveryFields',
  'line.noDeliveryStatus',
  'line.noEmailContactAlt',
  'line.quoteSpans',
  'upload.gone',
  'upload.tooMany',
  'upload.tooBig',
  'upload.interrupted',
  'host.stopping',
  'host.stopped',
  'host.disconnected',
  'host.noAnswer',
  'host.databaseError',
  'host.unexpected',
  'host.systemError',
  'settings.timeZone',
  'settings.lang',
  'settings.preset',
  'settings.policyFileType',
  'settings.policyFile',
  'settings.policyFileMissing',
  'settings.policyFileUnreadable',
  'settings.policyFileNotJson',
  'settings.policyFileNotObject',
  'settings.policyFileChanged',
  'release.nothingToRelease',
] as const satisfies readonly ProblemCode[];

// stops compiling when a code is added above but not to the list
type Unlisted = Exclude<ProblemCode, (typeof PROBLEM_CODES)[number]>;
export const ALL_PROBLEMS_LISTED: Unlisted extends never ? true : Unlisted = true;

/** An Error that carries its problem: shells word the code; `message` is the English words. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    message: string,
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}
