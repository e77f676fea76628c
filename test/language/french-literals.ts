/**
 * The French words a user can see, found in the sources as the code holds them: every string of
 * a French table (renderer/i18n/fr.ts, a `fr:` entry, a `FR` table) and every string a branch
 * takes for French (`fr ? '…' : '…'`, `lang === 'fr' ? …`, `if (lang === 'fr') …`). Reading the
 * sources rather than calling each table finds the words built by concatenation too, where the
 * space before a colon is easiest to get wrong.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FrenchLiteral {
  file: string;
  line: number;
  /** the text as JavaScript reads it (escapes resolved) */
  text: string;
  /** a template's part: what comes before it and after it is a `${…}`, not the string's edge */
  afterSubstitution: boolean;
  beforeSubstitution: boolean;
  node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail;
}

/** A condition that holds when the language is French (`fr`, `lang === 'fr'`), or when it is English. */
function conditionLanguage(condition: ts.Expression): 'fr' | 'en' | null {
  const text = condition.getText().replace(/\s+/g, ' ');
  if (/^!?\(?\s*\w*\.?\b(fr|isFrench|french)\s*\)?$/.test(text)) return text.startsWith('!') ? 'en' : 'fr';
  if (/^\(?\w+(\.\w+)*\s*===\s*'fr'\s*\)?$/.test(text) || /^'fr'\s*===\s*\w+/.test(text)) return 'fr';
  if (/^\(?\w+(\.\w+)*\s*!==\s*'fr'\s*\)?$/.test(text)) return 'en';
  if (/^\(?\w+(\.\w+)*\s*===\s*'en'\s*\)?$/.test(text) || /^\(?\s*\w*\.?\ben\s*\)?$/.test(text)) return 'en';
  if (/^\(?\w+(\.\w+)*\s*!==\s*'en'\s*\)?$/.test(text)) return 'fr';
  return null;
}

function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return null;
}

/** Whether `node` is French by where it sits: in a French table or a French branch. */
function isFrenchPlace(node: ts.Node, wholeFileFrench: boolean): boolean {
  if (wholeFileFrench) return true;
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isPropertyAssignment(parent) && child === parent.initializer) {
      const name = propertyName(parent.name);
      if (name === 'fr') return true;
      if (name === 'en') return false;
    }
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
      if (/^(FR|fr)(_|[A-Z][a-z]|$)/.test(parent.name.text) || /_FR$|Fr$/.test(parent.name.text)) return true;
      if (/^(EN|en)(_|[A-Z][a-z]|$)/.test(parent.name.text) || /_EN$|En$/.test(parent.name.text)) return false;
    }
    if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const language = conditionLanguage(parent.condition);
      if (language) return (child === parent.whenTrue) === (language === 'fr');
    }
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const language = conditionLanguage(parent.expression);
      if (language) return (child === parent.thenStatement) === (language === 'fr');
    }
  }
  return false;
}

export function frenchLiteralsOf(file: string, root: string, wholeFileFrench = false): FrenchLiteral[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: FrenchLiteral[] = [];
  const visit = (node: ts.Node) => {
    // a type, an import's path or a key is no word a user reads
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) return;
    if (ts.isLiteralTypeNode(node)) return;
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
    if (literal && !isKey(node) && isFrenchPlace(node, wholeFileFrench)) {
      found.push({
        file: relative(root, file),
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        text: node.text,
        afterSubstitution: ts.isTemplateMiddle(node) || ts.isTemplateTail(node),
        beforeSubstitution: ts.isTemplateHead(node) || ts.isTemplateMiddle(node),
        node,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A property's name, an element access's key, a comparison's operand or a call's code argument: not words. */
function isKey(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(parent.operatorToken.kind)) return true;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && ['t', 'require'].includes(parent.expression.text)) return true;
  if (ts.isCaseClause(parent)) return true;
  return false;
}

/** The TypeScript sources under `dirs` (tests left out). */
export function sourcesUnder(root: string, dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return files.sort();
}

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

/**
 * What a French copy editor would mark in `literal`, by the Imprimerie nationale convention:
 * U+00A0 before « : » and inside « », U+202F before « ; », « ? » and « ! ». Not prose, and left
 * alone: times (10:30), URLs (https://), ratios, placeholders ({{count}}, {date}) and code
 * spans (`rebond import`).
 */
export function typographyFaults(literal: Pick<FrenchLiteral, 'text' | 'afterSubstitution' | 'beforeSubstitution'>): string[] {
  // placeholders and code spans become x's: their characters are not prose, their place is
  const text = literal.text.replace(/\{\{[^}]*\}\}|\{[^}]*\}|`[^`]*`/g, (m) => 'x'.repeat(m.length));
  const faults: string[] = [];
  const before = (i: number) => (i > 0 ? text[i - 1] : literal.afterSubstitution ? 'x' : '');
  const after = (i: number) => (i + 1 < text.length ? text[i + 1] : literal.beforeSubstitution ? 'x' : '');
  const endsProse = (c: string) => c === '' || /[\s)\]»”’'".,…]/.test(c);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const previous = before(i);
    const next = after(i);
    if (c === ':') {
      // a colon in prose is followed by a space or ends the text; 10:30, https:// and 1:2 are not prose
      if (!(next === '' || /\s/.test(next)) || previous === '') continue;
      if (previous !== NBSP) faults.push(`${show(text, i)}: U+00A0 before “:”, found ${name(previous)}`);
    } else if (c === ';' || c === '?' || c === '!') {
      if (!endsProse(next) || previous === '' || /[?!]/.test(previous)) continue;
      if (previous !== NNBSP) faults.push(`${show(text, i)}: U+202F before “${c}”, found ${name(previous)}`);
    } else if (c === '«') {
      if (next !== '' && next !== NBSP) faults.push(`${show(text, i)}: U+00A0 after “«”, found ${name(next)}`);
    } else if (c === '»') {
      if (previous !== '' && previous !== NBSP) faults.push(`${show(text, i)}: U+00A0 before “»”, found ${name(previous)}`);
    }
  }
  return faults;
}

function name(c: string): string {
  if (c === ' ') return 'an ordinary space';
  if (c === NBSP) return 'U+00A0';
  if (c === NNBSP) return 'U+202F';
  if (c === '' || c === 'x') return 'nothing';
  return `no space (“${c}”)`;
}

function show(text: string, i: number): string {
  return `“…${text.slice(Math.max(0, i - 20), i + 5).replace(/\u00a0/g, '⍽').replace(/\u202f/g, '·')}…”`;
}

/**
 * A sign both languages share right after a word chosen by language — `${fr ? 'Pourquoi' :
 * 'Why'}: …` — is English typography in French: the French word needs its own no-break space.
 */
export function sharedSignsAfterFrench(file: string, root: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTemplateSpan(node)) {
      let expression = node.expression;
      while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
      if (ts.isConditionalExpression(expression) && conditionLanguage(expression.condition) && /^ ?[:;?!](\s|$)/.test(node.literal.text)) {
        found.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} “${node.getText().slice(0, 60)}”`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
