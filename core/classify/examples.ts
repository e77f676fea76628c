/**
 * The input that a rule's own example stands for: its text, plus whatever code, enhanced code,
 * hint or domain the rule's conditions require (and its `given` overrides).
 */
import type { ClassifyInput } from '../model/category';
import type { Rule } from './rule-types';

export function exampleInput(rule: Rule): ClassifyInput {
  const input: ClassifyInput = {};
  const hintOnly = rule.hint !== undefined && rule.text === undefined;
  if (hintOnly) input.hint = rule.example;
  else input.diagnostic = rule.example;
  if (typeof rule.code === 'number') input.smtpCode = rule.code;
  else if (Array.isArray(rule.code)) input.smtpCode = rule.code[0];
  if (typeof rule.enhanced === 'string') {
    const e = rule.enhanced.toLowerCase();
    if (!e.includes('x') && !e.includes('*')) input.enhancedCode = rule.enhanced;
  }
  if (typeof rule.hint === 'string' && !hintOnly) input.hint = rule.hint;
  if (typeof rule.domain === 'string') input.domain = rule.domain.split('|')[0];
  return { ...input, ...rule.given };
}
