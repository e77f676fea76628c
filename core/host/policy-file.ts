/**
 * What the browser may learn about a policy file that does not load: where the problem is, never
 * what the file holds. The page names any path it likes in setSettings, and the loader's own
 * message quotes the file (JSON.parse shows its first characters, a wrong value is repeated,
 * unknown keys are listed) — a way to read files the page has no business reading. The CLI, run
 * by the user on their own files, keeps the full message.
 */
import { loadPolicyFile, type PolicyIssue } from '../policy/settings';
import { problem, type Problem } from '../model/problems';

/** The words the loader puts after the file's path (core/policy/settings.ts, `fail`). */
const MARKER = ': the policy settings are not valid — ';

/** The policy file a loader message is about, or null when the message is about something else. */
export function policyFileInMessage(message: string): string | null {
  const at = message.indexOf(MARKER);
  return at > 0 ? message.slice(0, at) : null;
}

/** One issue in the loader's words, cut before the part that repeats what the file holds. */
function safeIssue(issue: PolicyIssue): string {
  const { field, problem } = issue;
  // fields are the schema's own names (it refuses unknown keys) and list positions: safe to name
  const where = field ? `${field}: ` : '';
  if (problem.startsWith('unknown setting')) return `${where}it names a setting Rebond does not know (check the spelling)`;
  if (!field) {
    if (problem.startsWith('the file does not exist') || problem.startsWith('the file cannot be read')) return problem;
    if (problem.startsWith('the file is not valid JSON')) return 'the file is not valid JSON';
    if (problem.startsWith('the file must hold one JSON object')) return 'the file must hold one JSON object { … }';
    return 'the file does not hold valid policy settings';
  }
  // the problem says what is expected, then ", not <the file's value>" or ": <the file's value>"
  const cut = problem.search(/, not |: /);
  return `${where}${cut >= 0 ? problem.slice(0, cut) : problem}`;
}

/** null when the file loads; otherwise what is wrong with it, without its contents. */
export async function policyFileProblem(path: string): Promise<string | null> {
  const loaded = await loadPolicyFile(path);
  if (loaded.ok) return null;
  const issues = [...new Set(loaded.error.issues.map(safeIssue))];
  return `${path}${MARKER}${issues.join('; ')}.`;
}

/** The same refusal as a problem for the shells to word: the file's fault, then the fields named (never the file's values). */
export async function policyFileCode(path: string): Promise<Problem | null> {
  const loaded = await loadPolicyFile(path);
  if (loaded.ok) return null;
  const issues = loaded.error.issues;
  const whole = issues.find((i) => !i.field);
  if (whole?.problem.startsWith('the file does not exist')) return problem('settings.policyFileMissing', { file: path });
  if (whole?.problem.startsWith('the file cannot be read')) return problem('settings.policyFileUnreadable', { file: path });
  if (whole?.problem.startsWith('the file is not valid JSON')) return problem('settings.policyFileNotJson', { file: path });
  if (whole?.problem.startsWith('the file must hold one JSON object')) return problem('settings.policyFileNotObject', { file: path });
  const fields = [...new Set(issues.map((i) => i.field).filter((f): f is string => !!f))].join(', ');
  return problem('settings.policyFile', { file: path, fields });
}
