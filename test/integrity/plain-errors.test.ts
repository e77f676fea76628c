/**
 * DuckDB's own words never reach the person importing: a full disk says which disk and how much
 * the import needs ("Out of Memory Error: failed to offload … SET threads=X" was shown before),
 * an internal error says the workspace is unchanged, and any other database text is replaced.
 */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { plainImportError } from '../../core/store/plain-errors';

const disk = { folders: [tmpdir()], neededBytes: 200 * 1024 * 1024 };
const DATABASE_WORDS = /Error:|SET threads|offload|invalidated|vector|strict_mode|Possible fixes/;

describe('an import error in plain words', () => {
  it.each([
    ["Out of Memory Error: failed to offload data block of size 256.0 KiB (1.9 GiB/1.9 GiB used). Reduce the number of threads (SET threads=X)."],
    ['IO Error: Could not write file "/tmp/rebond-spill-1/duckdb_temp_storage-0.tmp": No space left on device'],
  ])('names the full disk, what is free there and what the import needs: %s', (text) => {
    const message = plainImportError(new Error(text), disk);
    expect(message).toMatch(new RegExp(`^The disk holding ${tmpdir()} \\(\\d+ MB free\\) is full: this import needs about 200 MB there\\.`));
    expect(message).not.toMatch(DATABASE_WORDS);
  });

  it('reads a full temporary folder from the system (ENOSPC) the same way', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(plainImportError(error, disk)).toMatch(/^The disk holding .* is full/);
  });

  it('says an internal error left the workspace as it was', () => {
    const message = plainImportError(
      new Error('FATAL Error: Failed: database has been invalidated because of a previous fatal error. Original error: "Attempted to access index 11 within vector of size 11"'),
      disk,
    );
    expect(message).toMatch(/internal error .* The workspace was reopened and is as it was before this file/);
    expect(message).not.toMatch(DATABASE_WORDS);
  });

  it('replaces any other database text, and keeps our own messages', () => {
    expect(plainImportError(new Error('Invalid Input Error: The CSV Parser state machine reached an invalid state.\nPossible fixes: strict_mode=false'), disk))
      .toBe('the database could not read it (an unexpected error). Nothing of it was stored.');
    expect(plainImportError(new Error('line 3: not an e-mail address'), disk)).toBe('line 3: not an e-mail address');
  });
});
