// Two kinds of failure, because the keeper treats them differently: a retryable one (RPC down, timeout, nonce race)
// is tried again with backoff and the job resumes; a non-retryable one (bad config, a revert that will revert again,
// bad input) stops the job with a message that says what to do.

/** A failure worth retrying: the same call may succeed later (network, timeouts, rate limits, a node behind). */
export class RetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryableError";
  }
}

/** A failure that retrying will not fix: the message says what a person must change. */
export class KeeperError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KeeperError";
  }
}

const RETRYABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "NETWORK_ERROR",
  "SERVER_ERROR",
  "TIMEOUT",
]);

/** Whether `error` is a transport-level failure (ours or ethers'), as opposed to an answer from the node. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableError) return true;
  if (error instanceof KeeperError) return false;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
    // ethers' `message` carries the request payload (raw transactions in hex, where "429" or "503" turn up by
    // chance): read its short message, and match status codes only as whole words
    const e = current as { shortMessage?: unknown; message?: unknown };
    const message = String(e.shortMessage ?? e.message ?? "");
    if (
      /fetch failed|socket hang up|ECONNREFUSED|ECONNRESET|timed? ?out|rate limit|\b(429|502|503|504)\b/i.test(message)
    )
      return true;
    current = (current as { cause?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  return false;
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
