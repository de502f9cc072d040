// The keeper's view of a chain: a primary JSON-RPC endpoint and an optional fallback, every read retried with
// backoff on transport failures and moved to the other endpoint after a failure. ethers' FallbackProvider is built
// for quorum reads across many providers; the keeper needs the simpler "same answer from whichever endpoint is up",
// with retries it can log and test, so it is done here in a few lines over ethers' JsonRpcProvider.
import { MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import { type JsonRpcApiProvider, Network } from "ethers";
import type { Clock } from "../clock.ts";
import { describeError, errorChain, KeeperError, RetryableError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { withRetry } from "./retry.ts";

export interface ChainClientOptions {
  urls: string[];
  chainId: number;
  clock: Clock;
  log: Logger;
  /** Attempts per call before the error reaches the job (default 6: about 30 s of backoff). */
  attempts?: number;
  baseDelayMs?: number;
  /** Tests pass their own providers (fault injection); otherwise one per url. */
  providers?: JsonRpcApiProvider[];
}

export interface ChainClient {
  readonly chainId: number;
  /** The provider in use now (for contract objects that must be rebuilt on a switch, prefer `run`). */
  provider(): JsonRpcApiProvider;
  /** Runs `work` against the current endpoint, retrying transport failures and switching endpoints between tries. */
  run<T>(what: string, work: (provider: JsonRpcApiProvider) => Promise<T>): Promise<T>;
  destroy(): void;
}

export function createChainClient(options: ChainClientOptions): ChainClient {
  if (options.urls.length === 0 && !options.providers?.length) throw new KeeperError("no RPC url configured");
  const network = Network.from(options.chainId);
  const providers =
    options.providers ??
    // cacheTimeout -1: ethers otherwise answers a repeated call from a 250 ms cache, and a nonce read right after a
    // mined transaction would be stale
    options.urls.map(
      (url) => new MarginedJsonRpcProvider(url, network, { staticNetwork: network, polling: true, cacheTimeout: -1 }),
    );
  let current = 0;
  return {
    chainId: options.chainId,
    provider: () => providers[current],
    run: (what, work) =>
      withRetry(() => work(providers[current]).catch((error: unknown) => Promise.reject(fromTransport(error))), {
        attempts: options.attempts ?? 6,
        baseDelayMs: options.baseDelayMs ?? 500,
        maxDelayMs: 10_000,
        clock: options.clock,
        log: options.log,
        what,
        onRetry: () => {
          if (providers.length > 1) {
            current = (current + 1) % providers.length;
            options.log.warn("switched RPC endpoint", { to: options.urls[current] ?? `provider ${current}` });
          }
        },
      }),
    destroy: () => providers.forEach((p) => p.destroy()),
  };
}

const TRANSPORT_CODES = new Set([
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

/**
 * The RPC transport edge: an error from ethers or fetch becomes a RetryableError when it is a transport failure
 * (no answer, a timeout, a gateway or rate-limit status) rather than an answer from the node. Neither library gives
 * those failures a type of their own, so this is the one place that reads error codes and message text; everything
 * past it decides by type. The keeper's own errors and node answers (a revert) pass through unchanged.
 */
export function fromTransport(error: unknown): unknown {
  if (error instanceof RetryableError || error instanceof KeeperError) return error;
  for (const current of errorChain(error)) {
    const code = (current as { code?: unknown }).code;
    // ethers' `message` carries the request payload (raw transactions in hex, where "429" or "503" turn up by
    // chance): read its short message, and match status codes only as whole words
    const e = current as { shortMessage?: unknown; message?: unknown };
    const message = String(e.shortMessage ?? e.message ?? "");
    if (
      (typeof code === "string" && TRANSPORT_CODES.has(code)) ||
      /fetch failed|socket hang up|ECONNREFUSED|ECONNRESET|timed? ?out|rate limit|\b(429|502|503|504)\b/i.test(message)
    ) {
      return new RetryableError(describeError(error), { cause: error });
    }
  }
  return error;
}
