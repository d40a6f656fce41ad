/**
 * How person names are published (rules: publish.names): as written, masked (张*明, 王*), or a
 * stable pseudonym per person ("人员-3F2A9C"), the same in every table and every run.
 */
export type NamePolicy = 'full' | 'masked' | 'pseudonym';

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** FNV-1a, 32 bits: enough to tell a department's people apart; not a secret (use the salt). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function pseudonym(name: string, salt: string): string {
  return `人员-${fnv1a(`${salt}\u0000${name}`).toString(16).toUpperCase().padStart(8, '0').slice(0, 6)}`;
}

export function publishName(name: string | null, policy: NamePolicy, salt: string): string | null {
  if (name == null || policy === 'full') return name;
  return policy === 'masked' ? maskName(name) : pseudonym(name, salt);
}
