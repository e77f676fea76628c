/**
 * `rebond classify`: standard input, one item per line (a plain server text, or a JSON object
 * {"text","code","enhanced","email"}), to one JSON verdict per line, in order. `--explain` says
 * it for a person. No workspace needed: the classifier is a pure function.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { classify, explainCategory } from '../classify';
import type { ClassifyInput } from '../model/category';
import { parseLang, print, printJson, terminal } from './shared';

export function register(program: Command): void {
  program
    .command('classify')
    .description('classify server replies read from standard input (one per line), or --explain one')
    .option('--explain <text>', 'explain one reply in plain words')
    .option('--lang <lang>', 'fr | en, for --explain', 'en')
    .action(async (options: { explain?: string; lang: string }) => {
      const lang = parseLang(options.lang) ?? 'en';
      if (options.explain !== undefined) {
        const verdict = classify({ diagnostic: options.explain });
        const words = explainCategory(verdict.category, lang);
        print(`${words.title} (${verdict.category}, ${verdict.severity})`);
        // French puts a no-break space before the colon (test/language/french-typography.test.ts)
        const colon = lang === 'fr' ? '\u00a0: ' : ': ';
        print(`${lang === 'fr' ? 'Pourquoi' : 'Why'}${colon}${words.why}`);
        print(`${lang === 'fr' ? 'Règle' : 'Rule'}${colon}${verdict.rule}`);
        print(`${lang === 'fr' ? 'Compte contre l’adresse' : 'Counts against the address'}${colon}${verdict.countsAgainstAddress ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no'}`);
        print(`${lang === 'fr' ? 'Que faire' : 'What to do'}${colon}${words.whatToDo}`);
        return;
      }
      const lines = createInterface({ input: terminal().stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === '') {
          printJson({ error: 'empty line' });
          continue;
        }
        const input = parseItem(line);
        if (typeof input === 'string') {
          printJson({ error: input });
          continue;
        }
        const v = classify(input);
        printJson({
          category: v.category,
          severity: v.severity,
          actor: v.actor,
          countsAgainstAddress: v.countsAgainstAddress,
          rule: v.rule,
        });
      }
    });
}

function parseItem(line: string): ClassifyInput | string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { diagnostic: trimmed };
  let item: Record<string, unknown>;
  try {
    item = JSON.parse(trimmed) as Record<string, unknown>;
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const code = typeof item.code === 'number' ? item.code : typeof item.code === 'string' ? Number(item.code) : null;
  const input: ClassifyInput = {
    diagnostic: str(item.text),
    smtpCode: code !== null && Number.isFinite(code) ? code : null,
    enhancedCode: str(item.enhanced),
    domain: str(item.email) ?? str(item.domain),
    hint: str(item.hint),
    type: str(item.type),
  };
  if (!input.diagnostic && input.smtpCode === null && !input.enhancedCode && !input.hint) {
    return 'give at least one of "text", "code", "enhanced" or "hint"';
  }
  return input;
}
