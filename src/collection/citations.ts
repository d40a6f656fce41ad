/**
 * The policy behind a rule, as a reader sees it: the source written in the rules file beside the
 * rule's value (or beside a workload norm), documents named by their titles (domain/policies.ts).
 */
import { cite, ruleSource } from '../domain/policies.ts';
import type { ActiveRules } from '../domain/rules.ts';
import type { SourceRef } from './template-columns.ts';

export function citeSource(ref: SourceRef, rules: ActiveRules): string {
  if ('rule' in ref) return ruleSource(rules, ref.rule) ?? '';
  if ('document' in ref) return rules.policy_documents[ref.document] ?? cite(ref.document, rules.policy_documents);
  return cite(ref.text, rules.policy_documents);
}
