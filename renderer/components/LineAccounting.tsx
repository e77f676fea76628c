/**
 * Every line of an imported file, said in plain words (SPEC §11.8): "1,000 lines: 227
 * deliveries, 637 context lines, 136 lines of other programs, 0 lines not understood".
 * A support agent sees that nothing in the file went unread.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FileImportResult } from '../../core/contract';

/** Formats whose events are delivery results of a mail server. */
const LOG_FORMATS = new Set(['postfix', 'exim', 'powermta']);

export function lineAccountingSentence(t: TFunction, result: FileImportResult): string | null {
  if (result.lines === undefined || result.eventLines === undefined) return null;
  const events = result.stored + result.duplicates + result.listed;
  const parts = [t(LOG_FORMATS.has(result.format ?? '') ? 'import.linesDeliveries' : 'import.linesEvents', { count: events })];
  // a JSON event written over several lines, or several events on one line
  if (result.eventLines !== events) parts[0] += ` ${t('import.linesOn', { count: result.eventLines })}`;
  parts.push(t('import.linesContext', { count: result.contextLines ?? 0 }));
  if (result.otherProgramLines) parts.push(t('import.linesOtherPrograms', { count: result.otherProgramLines }));
  if (result.blankLines) parts.push(t('import.linesBlank', { count: result.blankLines }));
  if (result.quotedLines) parts.push(t('import.linesQuoted', { count: result.quotedLines }));
  if (result.skipped) parts.push(t('import.linesSkipped', { count: result.skipped }));
  parts.push(t('import.linesNotUnderstood', { count: result.rejected }));
  return t(result.errors.length > 0 ? 'import.linesSentenceExamples' : 'import.linesSentence', {
    total: t('import.lines', { count: result.lines }),
    parts: parts.join(', '),
  });
}

/**
 * Which lines were read inside which line's quoted value (a stray quote that a later line
 * closes is valid CSV: nothing is rejected, but the lines did not vanish).
 */
export function quotedValueSentences(t: TFunction, result: FileImportResult): string[] {
  const values = result.quotedValues ?? [];
  const named = values.map((q) => t(q.from === q.to ? 'import.quotedValueOne' : 'import.quotedValueMany', { line: q.line, from: q.from, to: q.to }));
  const more = (result.quotedLines ?? 0) - values.reduce((sum, q) => sum + q.to - q.from + 1, 0);
  if (more > 0) named.push(t('import.quotedValuesMore', { count: more }));
  return named;
}

export function LineAccounting({ result }: { result: FileImportResult }) {
  const { t } = useTranslation();
  const sentence = lineAccountingSentence(t, result);
  if (!sentence) return null;
  const format = result.format ? t(`formats.${result.format}`) : '';
  return (
    <div className="line-accounting">
      <p className="line-accounting-sentence">{sentence}</p>
      {quotedValueSentences(t, result).map((sentence) => (
        <p key={sentence} className="muted small quoted-value">
          {sentence}
        </p>
      ))}
      {(result.otherPrograms ?? [])
        .filter((p) => p.deliveries > 0)
        .map((p) => (
          <p key={p.program} className="muted small other-program">
            {t('import.otherProgramDeliveries', { program: p.program, count: p.deliveries, format })}
          </p>
        ))}
      {result.timeField && <p className="muted small time-field">{t('import.timeField', { column: result.timeField })}</p>}
    </div>
  );
}
