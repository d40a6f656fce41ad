/**
 * The nearest of a list of names to a name written another way — for a message suggesting the
 * official department name ("机电系" → 机电工程系, "信息工程" → 信息工程系). Edit distance on
 * characters, a name contained in the other counting as near; nothing is suggested when every
 * name is far (then the message lists the names instead).
 */

/** Levenshtein distance between two short strings, by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The name of `names` nearest to `name`, if one is near: at most half its characters differ, or one contains the other. */
export function nearestName(name: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    const contained = candidate.includes(name) || name.includes(candidate);
    const limit = Math.ceil(Math.max([...name].length, [...candidate].length) / 2);
    if (!contained && distance > limit) continue;
    const score = contained ? distance - 0.5 : distance;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
