import * as z from 'zod';

/** Moves the emulator clock: to an instant, by an amount, and/or frozen (a frozen clock stands still). */
export const ClockPatchSchema = z
  .object({
    now: z.union([z.number().int(), z.iso.datetime({ offset: true })]).optional(),
    advanceMs: z.number().int().optional(),
    frozen: z.boolean().optional(),
  })
  .strict();

export type ClockPatch = z.infer<typeof ClockPatchSchema>;

export interface ClockState {
  readonly now: string;
  readonly nowMs: number;
  readonly frozen: boolean;
}

/** The emulator's clock: the real clock shifted (time travel), or frozen at an instant. */
export class EmulatorClock {
  private baseMs: number;
  private baseRealMs: number;
  private frozen: boolean;

  constructor(
    patch: ClockPatch = {},
    private readonly realNow: () => number = Date.now,
  ) {
    this.baseRealMs = realNow();
    this.baseMs = this.baseRealMs;
    this.frozen = false;
    this.set(patch);
  }

  now(): number {
    return this.frozen ? this.baseMs : this.baseMs + (this.realNow() - this.baseRealMs);
  }

  set(patch: ClockPatch): ClockState {
    const start =
      patch.now === undefined
        ? this.now()
        : typeof patch.now === 'number'
          ? patch.now
          : Date.parse(patch.now);
    this.baseMs = start + (patch.advanceMs ?? 0);
    this.baseRealMs = this.realNow();
    if (patch.frozen !== undefined) this.frozen = patch.frozen;
    return this.state();
  }

  state(): ClockState {
    const nowMs = this.now();
    return { now: new Date(nowMs).toISOString(), nowMs, frozen: this.frozen };
  }
}
