// One error family, two kinds, because the keeper treats them differently: a RetryableError (RPC down, timeout,
// nonce race) is tried again with backoff and the job resumes; a KeeperError (bad config, a revert that will revert
// again, bad input) stops the work with a message that says what to do. Every error class the keeper defines extends
// one of the two, so whether to retry is decided by type; a foreign error (ethers, fetch) becomes one at the edge
// where it enters (chain/rpc.ts for the RPC transport), and the API maps types to status codes (api/errors.ts).

/** A failure that retrying will not fix: the message says what a person must change. */
export class KeeperError extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A failure worth retrying: the same call may succeed later (network, timeouts, rate limits, a node behind). */
export class RetryableError extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Whether `error` is worth trying again: decided by its type alone. */
export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableError;
}

/** An error and the errors inside it (`cause`, and ethers' `error`), outermost first, at most `depth` of them. */
export function errorChain(error: unknown, depth = 5): object[] {
  const chain: object[] = [];
  for (let current = error; chain.length < depth && current && typeof current === "object";) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  return chain;
}

/** One line for a log: the message of an error and of its causes. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const message =
      current instanceof Error
        ? ((current as { shortMessage?: string }).shortMessage ?? current.message)
        : String(current);
    if (!parts.includes(message)) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ");
}
