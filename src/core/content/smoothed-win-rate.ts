/**
 * How much evidence the prior is worth, in closed deals. With 10, an asset needs about ten closed deals before its
 * own record weighs as much as the library's average; one lucky win moves it only a little.
 */
export const DEFAULT_PRIOR_STRENGTH = 10;

/**
 * Win rate among the closed deals an asset touched, smoothed towards the library's base rate.
 *
 * The math: the asset's true win rate p gets a Beta(α₀, β₀) prior centred on the base rate p₀ with strength m
 * (α₀ = m·p₀, β₀ = m·(1 − p₀), so α₀ + β₀ = m pseudo-deals). After w won and l lost deals the posterior is
 * Beta(α₀ + w, β₀ + l), and we rank by its mean (w + m·p₀) / (w + l + m). With p₀ = 0.3 and m = 10, one win in one
 * deal scores 0.36 while 14 wins in 20 deals score 0.57: a proven asset outranks a lucky one.
 * @example smoothedWinRate(1, 0, 0.3, 10) // → 0.3636…
 */
export function smoothedWinRate(won: number, lost: number, baseRate: number, priorStrength: number): number {
  return (won + priorStrength * baseRate) / (won + lost + priorStrength);
}

/**
 * The base rate the prior is centred on: wins over closed deals, pooled over the given outcomes; 0.5 (no opinion)
 * when nothing has closed.
 * @example baseWinRate([{ won: 3, lost: 7 }, { won: 1, lost: 1 }]) // → 0.3333…
 */
export function baseWinRate(outcomes: Iterable<{ readonly won: number; readonly lost: number }>): number {
  let won = 0;
  let closed = 0;
  for (const outcome of outcomes) {
    won += outcome.won;
    closed += outcome.won + outcome.lost;
  }
  return closed === 0 ? 0.5 : won / closed;
}
