import { limitFailure } from './failure';
import type { ExpressionLimits } from './types';

/**
 * Work accounting for one API call. Every loop in the interpreter charges steps before doing work, so
 * runaway expressions (huge projections, repeated scans of long strings) stop with a `limit` issue
 * instead of hanging the engine or the browser tab.
 */
export class Budget {
  private steps = 0;
  private output = 0;
  private visits = 0;

  constructor(readonly limits: ExpressionLimits) {}

  get stepsUsed(): number {
    return this.steps;
  }

  get isExhausted(): boolean {
    return this.steps > this.limits.maxSteps;
  }

  step(count = 1): void {
    this.steps += count;
    if (this.steps > this.limits.maxSteps) {
      throw limitFailure(`stopped after ${this.limits.maxSteps} evaluation steps: the expressions do too much work`);
    }
  }

  /** Charges for visiting one node of a value being copied, converted or compared (one step per 8). */
  visit(): void {
    this.visits += 1;
    if ((this.visits & 7) === 0) this.step();
  }

  /** Charges for scanning or copying `chars` characters of text (one step per KiB). */
  scan(chars: number): void {
    this.step(1 + Math.floor(chars / 1024));
  }

  /** Refuses to build a string longer than the output limit; call before building it. */
  checkLength(length: number): void {
    if (length > this.limits.maxOutputChars) {
      throw limitFailure(`the result would be longer than ${this.limits.maxOutputChars} characters`);
    }
  }

  /** Counts text an expression contributed to the final output, across the whole call. */
  addOutput(chars: number): void {
    this.output += chars;
    if (this.output > this.limits.maxOutputChars) {
      throw limitFailure(`the expressions produced more than ${this.limits.maxOutputChars} characters in total`);
    }
  }

  checkDepth(depth: number): void {
    if (depth > this.limits.maxDepth) {
      throw limitFailure(`the value is nested more than ${this.limits.maxDepth} levels deep`);
    }
  }
}
