/**
 * Policy documents as readers know them. The rules file cites its sources by short names (the
 * seeds' index numbers, "教育部令第43号"), which suit whoever maintains the file; a leader reads
 * the documents' titles. `cite` turns a source as written into the text a page may show.
 */

/** The source with every short name replaced by its document's title (longest names first, so "seeds/0041" never half-matches "seeds/004"). */
export function cite(source: string, documents: Readonly<Record<string, string>>): string {
  const names = Object.keys(documents).sort((a, b) => b.length - a.length);
  if (!names.length) return source;
  const pattern = new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  // A title already followed by the title again (e.g. "教育部令第43号《…规定》" written out in full) stays once.
  return source.replace(pattern, (name, at: number) => (source.startsWith(documents[name]!.slice(name.length), at + name.length) && documents[name]!.startsWith(name) ? name : documents[name]!));
}

/** The source of a rule of the active profile, by its path in the rules file (e.g. "staffing.part_time_weight"), as a reader sees it. */
export function ruleSource(rules: { sources: Readonly<Record<string, string>>; policy_documents: Readonly<Record<string, string>> }, path: string): string | undefined {
  const source = rules.sources[path];
  return source == null ? undefined : cite(source, rules.policy_documents);
}
