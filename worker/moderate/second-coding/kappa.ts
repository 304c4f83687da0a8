// Agreement between two codings of the same responses, code by code: each response either has a code
// or not, in each coding. Percentage agreement is the share of responses the two codings treat alike;
// Cohen's kappa is that agreement beyond what two coders tagging at their own rates would reach by
// chance: κ = (pₒ − pₑ) / (1 − pₑ), with pₑ = p₁p₂ + (1 − p₁)(1 − p₂). When pₑ is 1 (both coders used
// the code on every response, or on none) kappa is undefined: it says so rather than dividing by zero.

export interface Coded {
  first: ReadonlySet<string>;
  second: ReadonlySet<string>;
}

export interface Agreement {
  /** Responses coded by both. */
  n: number;
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
  /** Share of responses treated alike (0 to 1), or null with none. */
  percent: number | null;
  /** Cohen's kappa, or null when it is undefined (no responses, or chance agreement is certain). */
  kappa: number | null;
}

function fromCounts(both: number, firstOnly: number, secondOnly: number, neither: number): Agreement {
  const n = both + firstOnly + secondOnly + neither;
  if (n === 0) return { n, both, firstOnly, secondOnly, neither, percent: null, kappa: null };
  const po = (both + neither) / n;
  const p1 = (both + firstOnly) / n;
  const p2 = (both + secondOnly) / n;
  const pe = p1 * p2 + (1 - p1) * (1 - p2);
  return { n, both, firstOnly, secondOnly, neither, percent: po, kappa: pe >= 1 ? null : (po - pe) / (1 - pe) };
}

/** Agreement on one code over the responses both coded. */
export function agreementOn(items: readonly Coded[], code: string): Agreement {
  let both = 0, firstOnly = 0, secondOnly = 0, neither = 0;
  for (const i of items) {
    const a = i.first.has(code);
    const b = i.second.has(code);
    if (a && b) both++;
    else if (a) firstOnly++;
    else if (b) secondOnly++;
    else neither++;
  }
  return fromCounts(both, firstOnly, secondOnly, neither);
}

/**
 * Agreement over every code either coding used, pooled (each response × code a decision): one figure
 * for a whole coding. Codes neither coder used are left out, or they would inflate agreement with the
 * many responses that are, trivially, about none of them.
 */
export function overallAgreement(items: readonly Coded[], codes: readonly string[]): Agreement & { codes: number; responses: number } {
  const used = codes.filter((c) => items.some((i) => i.first.has(c) || i.second.has(c)));
  let both = 0, firstOnly = 0, secondOnly = 0, neither = 0;
  for (const c of used) {
    const a = agreementOn(items, c);
    both += a.both;
    firstOnly += a.firstOnly;
    secondOnly += a.secondOnly;
    neither += a.neither;
  }
  // n counts decisions (responses × codes); `responses` the responses themselves.
  return { ...fromCounts(both, firstOnly, secondOnly, neither), codes: used.length, responses: items.length };
}
