// Emerging themes: groups of untagged answers that talk about the same thing. Each answer is a vector
// of its terms (suggest/terms.ts: stems and neighbouring pairs) weighted by TF-IDF over the answers
// looked at, keeping only distinctive terms (in at least two answers, in at most a fifth of them).
// Answers are grouped leader-style, most distinctive first: an answer joins the group whose centre it
// is most like (cosine) if that is close enough, or starts a group. A group is shown when it has at
// least `minSize` answers, with its top words (the terms weighing most in its centre) as the reason.
// Pure and explainable: the same answers always give the same groups.
import { termsOf } from '../suggest/terms';

export interface Doc {
  key: string;
  text: string;
}

export interface Group<D extends Doc = Doc> {
  /** The words the group shares, strongest first (as written in its first answer that has them). */
  words: string[];
  members: D[];
}

export interface ClusterOptions {
  /** How alike (cosine, 0 to 1) an answer must be to a group's centre to join it. */
  threshold?: number;
  minSize?: number;
  maxGroups?: number;
}

type Vector = Map<string, number>;

function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, x] of small) dot += x * (large.get(t) ?? 0);
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot / n;
}

export function emergingGroups<D extends Doc>(docs: readonly D[], options: ClusterOptions = {}): Group<D>[] {
  const threshold = options.threshold ?? 0.25;
  const minSize = options.minSize ?? 3;
  const maxGroups = options.maxGroups ?? 12;
  const parsed = docs.map((d) => {
    const tf = new Map<string, number>();
    const surface = new Map<string, string>();
    for (const t of termsOf(d.text)) {
      tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
      if (!surface.has(t.term)) surface.set(t.term, d.text.slice(t.start, t.end));
    }
    return { doc: d, tf, surface };
  });
  const df = new Map<string, number>();
  for (const p of parsed) for (const t of p.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = parsed.length;
  // A word in more than a fifth of the answers is too common to make a group (a few answers: twice the smallest group).
  const maxDf = Math.max(Math.floor(n / 5), 2 * minSize);
  const vectors = parsed.map((p) => {
    const v: Vector = new Map();
    for (const [t, f] of p.tf) {
      const d = df.get(t)!;
      if (d < 2 || d > maxDf) continue;
      v.set(t, (1 + Math.log(f)) * Math.log(n / d));
    }
    return v;
  });
  // Most distinctive answers lead: a group forms around a clear example, not a vague one.
  const order = parsed.map((_, i) => i).sort((a, b) => norm(vectors[b]!) - norm(vectors[a]!) || a - b);
  const groups: { centre: Vector; members: number[] }[] = [];
  for (const i of order) {
    const v = vectors[i]!;
    if (v.size === 0) continue;
    let best = -1;
    let bestSim = threshold;
    groups.forEach((g, k) => {
      const sim = cosine(v, g.centre);
      if (sim >= bestSim) {
        best = k;
        bestSim = sim;
      }
    });
    if (best < 0) {
      groups.push({ centre: new Map(v), members: [i] });
      continue;
    }
    const g = groups[best]!;
    g.members.push(i);
    // The centre is the sum of its members: a mean up to scale, which cosine ignores.
    for (const [t, x] of v) g.centre.set(t, (g.centre.get(t) ?? 0) + x);
  }
  return groups
    .filter((g) => g.members.length >= minSize)
    .map((g) => {
      // Top words: terms most of the group shares, by their weight in the centre.
      const shared = [...g.centre].filter(([t]) => g.members.filter((i) => parsed[i]!.tf.has(t)).length >= Math.max(2, Math.ceil(g.members.length / 2)));
      const words = shared
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t]) => parsed[g.members.find((i) => parsed[i]!.surface.has(t))!]!.surface.get(t)!.toLowerCase())
        .filter((w, i, all) => all.indexOf(w) === i)
        .slice(0, 5);
      return { words, members: g.members.map((i) => parsed[i]!.doc), size: g.members.length };
    })
    // A group held together by one word alone is usually that word, not a theme.
    .filter((g) => g.words.length >= 2)
    .sort((a, b) => b.size - a.size || a.words[0]!.localeCompare(b.words[0]!))
    .slice(0, maxGroups)
    .map(({ words, members }) => ({ words, members }));
}
