/** A compiled business-hours calendar. All instants are epoch milliseconds; all durations are milliseconds. */
export interface BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  /**
   * The instant at which `durationMs` of business time starting at `startMs` has been consumed.
   * Duration 0 → `startMs` when open, else the next opening. Ending exactly at a close returns that close.
   */
  due(startMs: number, durationMs: number): number;
  /** Business milliseconds in `[fromMs, toMs)`; 0 when `toMs <= fromMs`. */
  elapsed(fromMs: number, toMs: number): number;
  /** True when `ms` lies inside a business interval. */
  isOpen(ms: number): boolean;
  /** `ms` itself when open, else the start of the next business interval. */
  nextOpening(ms: number): number;
}

/** A span during which the clock is paused by a pause rule (e.g. waiting on prospect); `toMs` null = still paused. */
export interface PauseSpan {
  readonly fromMs: number;
  readonly toMs: number | null;
  readonly reason?: string;
}

export type SlaStatus = 'running' | 'paused' | 'met' | 'breached';

/** The state of one SLA clock; mirrors Salesforce milestones (TargetDate, TimeRemaining, TimeSinceTarget, …). */
export interface SlaClockState {
  readonly policyId: string;
  readonly status: SlaStatus;
  /** Why the clock is not ticking now, when status is `paused`. */
  readonly pauseReason: 'outside_business_hours' | 'pause_rule' | null;
  /** When a paused clock resumes: the next opening, or null while a pause rule holds. */
  readonly pausedUntil: string | null;
  readonly triggeredAt: string;
  /** When the target is (or was) reached; null while a pause rule holds and the target is still ahead. */
  readonly dueAt: string | null;
  readonly completedAt: string | null;
  readonly targetMs: number;
  readonly elapsedMs: number;
  readonly remainingMs: number;
  readonly sinceTargetMs: number;
  /** Salesforce's IsCompleted and IsViolated. */
  readonly isCompleted: boolean;
  readonly isViolated: boolean;
  /** How many escalation steps have been reached (0 = none). */
  readonly escalationLevel: number;
  readonly escalation: { readonly action: string; readonly label: string } | null;
  readonly nextEscalationAt: string | null;
  readonly nextEscalation: { readonly action: string; readonly label: string } | null;
}
