/** A stage's target cannot be named or found; the stage fails with this message as its reason. */
export class TargetError extends Error {}
