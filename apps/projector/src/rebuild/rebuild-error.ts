/** A refusal or failure to explain to the operator in one line (no stack trace). */
export class RebuildError extends Error {}
