export const DAY_MS = 86_400_000;

/**
 * How much one event counts at `ageMs` old: 0 outside the window — in the future (age < 0) or older than
 * `windowDays` — else 1, or `2^(-age/halfLife)` with decay. An event exactly `windowDays` old still counts, so
 * "webinar in the last 30 days" includes the one that started exactly 30 × 24 hours ago.
 * @example eventWeight(15 * DAY_MS, 30, 15) // → 0.5
 */
export function eventWeight(ageMs: number, windowDays: number, halfLifeDays: number | undefined): number {
  if (!(ageMs >= 0) || ageMs > windowDays * DAY_MS) return 0;
  return halfLifeDays === undefined ? 1 : 2 ** (-ageMs / (halfLifeDays * DAY_MS));
}

/**
 * `eventWeight` with the window and half-life already in milliseconds, for the loops that weigh every event: the
 * products are computed once per playbook and give the same numbers bit for bit. No decay is `halfLifeMs` =
 * Infinity, since `2^(-age/∞)` is exactly 1 for every finite age.
 * @example eventWeightMs(15 * DAY_MS, 30 * DAY_MS, 15 * DAY_MS) // → 0.5
 */
export function eventWeightMs(ageMs: number, windowMs: number, halfLifeMs: number): number {
  if (!(ageMs >= 0) || ageMs > windowMs) return 0;
  // Still branch on "no decay": Math.pow is the costliest step here, and 2^(-age/∞) is exactly 1 anyway.
  return halfLifeMs === Infinity ? 1 : 2 ** (-ageMs / halfLifeMs);
}
