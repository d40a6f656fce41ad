/**
 * The policy behind a rule, as a reader sees it: the source written in the rules file beside the
 * rule's value, with documents named by their titles.
 */
import type { ActiveRules } from '../domain/rules.ts';
import type { SourceRef } from './template-columns.ts';

export function citeSource(ref: SourceRef, _rules: ActiveRules): string {
  if ('text' in ref) return ref.text;
  if ('document' in ref) return ref.document;
  return '';
}
