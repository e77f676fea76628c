/**
 * Server texts must not drive the agent's terminal (issue 11, part 5). A bounce carrying a window
 * title sequence (ESC ] 0 ; … BEL), a clear screen (ESC [ 2 J), the one-character CSI U+009B or a
 * carriage return is imported, then shown by every command: the control characters come out
 * escaped, readable, and never raw; `--json` stays JSON that parses back to the same text.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalBlock, terminalJson, terminalText } from '../../core/commands/terminal-text';
import { rebond as run, ROOT, tempDir } from '../helpers';

const TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const CSI = '\u009b31m';
const BOUNCE = `550 5.1.1 ${TITLE}user unknown ${CLEAR}${CSI} café\r overwritten\nrebond: a forged line`;
const FULL = `452 4.2.2 The email account that you tried to reach is over quota. ${CLEAR}- gsmtp`;
const UNKNOWN = `zork ${TITLE}qux \u202egnirts`;
const CAMPAIGN = `janvier${CLEAR}`;

/** Every control character a terminal acts on, except the newline ending each line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const RAW_CONTROL_EXCEPT_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const dir = tempDir();
const db = join(dir.path, 'w.duckdb');
// the file's name is a text from outside too: it is shown by import, imports and address
const file = join(dir.path, `bounces${CLEAR}.csv`);
const shownFile = join(dir.path, 'bounces\\x1b[2J.csv');

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The real command line, in this process: what it writes to stdout and stderr, and its exit code. */
const rebond = (...args: string[]) => run(args);

beforeAll(async () => {
  writeFileSync(
    file,
    [
      'event,time,MessageID,email,hard_bounce,error_related_to,error,comment,customcampaign',
      `bounce,1611565200,1,evil@example.fr,true,recipient,user unknown,${csvField(BOUNCE)},${csvField(CAMPAIGN)}`,
      // an hour ago: still in quarantine now, so that it can be released
      `bounce,${Math.floor(Date.now() / 1000) - 3600},2,full@gmail.com,false,recipient,quota exceeded,${csvField(FULL)},`,
      `bounce,1611565400,3,other@example.fr,false,,,${csvField(UNKNOWN)},`,
      `bounce,not-a-time${CLEAR},4,bad@example.fr,false,,,x,`,
    ].join('\n') + '\n',
  );
});

afterAll(() => dir.remove());

describe('texts from input files in the terminal', () => {
  it('import: the file name and a rejected line are shown escaped', async () => {
    const run = await rebond('import', '--db', db, file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${shownFile}: mailjet, 3 events stored`);
    // line 6 of the file: the bounce text above it spans two lines
    expect(run.stdout).toMatch(/line 6: .*not-a-time\\x1b\[2J/);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });

  it('address: the server text, campaign and source keep their printable characters and show their controls escaped', async () => {
    const run = await rebond('address', '--db', db, 'evil@example.fr');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('550 5.1.1 \\x1b]0;pwned\\x07user unknown \\x1b[2J\\u009b31m café\\r overwritten\\nrebond: a forged line');
    expect(run.stdout).toContain(`[${shownFile}:2]`);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    // the newline inside the server text is not a line of its own
    expect(run.stdout.split('\n').some((line) => line.startsWith('rebond: a forged line'))).toBe(false);
  });

  it('address --json: JSON that parses back to the exact text, with no raw control character', async () => {
    const run = await rebond('address', '--db', db, '--json', 'evil@example.fr');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('\\u009b31m'); // JSON.stringify alone writes U+009B raw
    const report = JSON.parse(run.stdout);
    expect(report.events[0].diagnostic).toBe(BOUNCE);
    expect(report.events[0].campaign).toBe(CAMPAIGN);
    expect(report.events[0].source.file).toBe(file);
  });

  it('unknowns: the reply no rule understood, its bidi override escaped too', async () => {
    const run = await rebond('unknowns', '--db', db);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('zork \\x1b]0;pwned\\x07qux \\u202egnirts');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });

  it('imports: the file name as imported', async () => {
    const run = await rebond('imports', '--db', db);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(shownFile);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });

  it('addresses: tab-separated columns, and nothing raw', async () => {
    const run = await rebond('addresses', '--db', db, '--status', 'soft_quarantine');
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(rows.map((r) => r[0])).toContain('full@gmail.com');
    expect(run.stdout).not.toMatch(RAW_CONTROL_EXCEPT_TAB);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });

  it('release: what the agent typed and the refusals are escaped, on stdout and stderr', async () => {
    const dry = await rebond('release', '--db', db, '--dry-run', '--reason', `asked ${TITLE}by phone`, 'full@gmail.com');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('asked \\x1b]0;pwned\\x07by phone');
    expect(dry.stdout).not.toMatch(RAW_CONTROL);
    const refused = await rebond('release', '--db', db, '--reason', 'asked', `nobody${CLEAR}@example.fr`);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('nobody\\x1b[2J@example.fr');
    expect(refused.stdout).not.toMatch(RAW_CONTROL);
    expect(refused.stderr).not.toMatch(RAW_CONTROL);
  });

  it('classify --explain: nothing raw', async () => {
    const run = await rebond('classify', '--explain', FULL);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mailbox_full/);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });

  it('a file that cannot be imported: its name is escaped in the error, one line per file', async () => {
    const empty = join(dir.path, `empty${TITLE}.csv`);
    writeFileSync(empty, '');
    const run = await rebond('import', '--db', db, empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`rebond: ${join(dir.path, 'empty\\x1b]0;pwned\\x07.csv')} is empty`);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });

  it('usage errors echo the typed value escaped', async () => {
    const run = await rebond('addresses', '--db', db, '--status', `nope${CLEAR}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope\\x1b[2J');
    expect(run.stderr).not.toMatch(RAW_CONTROL_EXCEPT_TAB);
  });
});

describe('terminalText', () => {
  it('escapes C0, DEL, C1, tab, newline and the bidi and line-separator characters', () => {
    expect(terminalText('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(terminalText('\x00\x07\x08\x7f')).toBe('\\x00\\x07\\x08\\x7f');
    expect(terminalText('\r\n\t')).toBe('\\r\\n\\t');
    expect(terminalText('\u009b\u0085')).toBe('\\u009b\\u0085');
    expect(terminalText('\u202e\u2066\u2028')).toBe('\\u202e\\u2066\\u2028');
  });

  it('keeps spaces, accents and every printable character, and changes nothing escaped twice', () => {
    const printable = 'Boîte pleine — “quota” dépassé 5 € ’ œ 日本 🙂 C:\\Users\\agent\\export.csv';
    expect(terminalText(printable)).toBe(printable);
    const once = terminalText(BOUNCE);
    expect(terminalText(once)).toBe(once);
    expect(once).not.toMatch(RAW_CONTROL);
  });

  it('terminalBlock keeps the layout (newlines, tabs) and escapes the rest', () => {
    expect(terminalBlock(`Usage: rebond\n\t--status ${CLEAR}\n`)).toBe('Usage: rebond\n\t--status \\x1b[2J\n');
  });

  it('terminalJson is the same JSON value, without raw C1 or separators', () => {
    const value = { text: BOUNCE, other: '\u2028\u202e\x7f' };
    const json = terminalJson(value);
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('the choke point', () => {
  it('no command writes to the terminal except through the printers in shared.ts', () => {
    const folder = join(ROOT, 'core', 'commands');
    const bypassing = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'shared.ts')
      .filter((name) => /process\.(stdout|stderr)\.write|console\.(log|error|warn|info)/.test(readFileSync(join(folder, name), 'utf8')));
    expect(bypassing).toEqual([]);
  });
});
