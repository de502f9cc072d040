// A failure that is the user's to fix (bad input, a value out of bounds, something missing on the chain), with one
// line saying what to do. Programs show it as it is — the CLIs as "error: ..." plus "hint: ...", exit code 2; the web
// app beside the field or button — and never as a crash or a stack trace.
export class UserError extends Error {
  /** One line telling the user what to do next. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = "UserError";
    this.hint = hint;
  }
}
