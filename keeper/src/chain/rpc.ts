// The keeper's view of a chain: a primary JSON-RPC endpoint and an optional fallback, every read retried with
// backoff on transport failures and moved to the other endpoint after a failure. ethers' FallbackProvider is built
// for quorum reads across many providers; the keeper needs the simpler "same answer from whichever endpoint is up",
// with retries it can log and test, so it is done here in a few lines over ethers' JsonRpcProvider.
import { MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import { type JsonRpcApiProvider, Network } from "ethers";
import type { Clock } from "../clock.ts";
import { KeeperError } from "../errors.ts";
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
      withRetry(() => work(providers[current]), {
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
