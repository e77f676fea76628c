/**
 * Exim mainlog (FORMATS.md): `YYYY-MM-DD HH:MM:SS [+ZZZZ] [[pid]] ID FLAG …` lines, in the
 * import's time zone unless the log carries its own offset.
 */
import type { FormatImporter, StageContext } from '../importer';
import { lineError } from '../line-error';
import { readLineBatches } from '../../files/lines';
import type { FileSample } from '../../files/sample';
import { EximParser } from './parse';

const EXIM_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [+-]\d{4})?(?: \[\d+\])? (?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (<=|=>|->|>>|==|\*\*|\*>|Completed)|Start queue run|End queue run)/;

export const eximImporter: FormatImporter = {
  id: 'exim',
  label: 'Exim mainlog',

  detect(sample: FileSample): number {
    const lines = sample.lines.filter((l) => l.trim().length > 0).slice(0, 500);
    let exim = 0;
    let deliveries = 0;
    for (const line of lines) {
      const m = EXIM_LINE.exec(line);
      if (!m) continue;
      exim++;
      if (m[1] && m[1] !== '<=' && m[1] !== 'Completed') deliveries++;
    }
    if (exim === 0) return 0;
    return deliveries > 0 ? 0.95 : 0.8;
  },

  async stage(context: StageContext): Promise<void> {
    const parser = new EximParser(context.options.timeZone, {
      row: (row) => context.stage.add(row),
      reject: (line, found) => context.reject(lineError(line, found)),
    });
    let lineNumber = 0;
    for await (const batch of readLineBatches(context.file, {
      gzip: context.sample.gzip,
      encoding: context.sample.encoding,
      onBytes: context.progress,
    })) {
      for (let i = 0; i < batch.length; i++) parser.line(batch[i], ++lineNumber);
    }
    if (parser.counts.skipped > 0) context.skip(parser.counts.skipped);
    context.tally({ total: parser.counts.lines, context: parser.counts.context, blank: parser.counts.blank });
  },
};
