// Sends the keeper's transactions so that a crash at any line never sends the same work twice and never burns or
// reuses a nonce by mistake. Each transaction has a key naming its purpose ("postRoot:7", "settle:<token>:<start>").
// The transaction is signed and recorded under its key (with its nonce and raw bytes) BEFORE it is broadcast; after
// a restart the recorded bytes are broadcast again (same hash: the node accepts it once), so a crash between
// sending and recording cannot cause a second transaction. A key already mined returns its outcome at once.
import { type Signer, Transaction, type TransactionRequest } from "ethers";
import type { Clock } from "../clock.ts";
import { describeError, errorChain, RetryableError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Intent, KeeperStore } from "../store/store.ts";
import type { ChainClient } from "./rpc.ts";

export interface SendOutcome {
  key: string;
  hash: string;
  status: "mined" | "reverted";
  block: number;
  /** True if this call found the work already done (a restart, a second caller). */
  alreadyDone: boolean;
}

export interface TxSenderOptions {
  chain: ChainClient;
  /** Signs transactions; connected to nothing (the sender broadcasts through the chain client itself). */
  signer: Signer;
  store: KeeperStore;
  clock: Clock;
  log: Logger;
  /** How long to wait for a receipt before broadcasting the same bytes again. */
  rebroadcastAfterMs?: number;
  pollMs?: number;
}

export interface TxSender {
  readonly address: string;
  /** Sends `request` once for `key` (see the header) and waits for its receipt. */
  send(key: string, kind: string, request: TransactionRequest): Promise<SendOutcome>;
  /** After a restart: waits for every recorded transaction not yet mined (rebroadcasting its bytes). */
  resume(): Promise<number>;
}

export async function createTxSender(options: TxSenderOptions): Promise<TxSender> {
  const { chain, signer, store, clock, log } = options;
  const address = (await signer.getAddress()).toLowerCase();
  const pollMs = options.pollMs ?? 250;
  const rebroadcastAfterMs = options.rebroadcastAfterMs ?? 15_000;
  // one nonce stream: sends are serialised
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function broadcast(intent: Intent): Promise<void> {
    try {
      await chain.run(`broadcast ${intent.key}`, (p) => p.broadcastTransaction(intent.raw));
    } catch (error) {
      // already mined (ethers' code NONCE_EXPIRED, whatever the node's words: "nonce too low", "nonce has already
      // been used"): the receipt decides
      if (errorChain(error).some((e) => (e as { code?: unknown }).code === "NONCE_EXPIRED")) return;
      // the node already holds our own earlier broadcast: nodes answer that in words only (no code exists for it)
      if (/already known|known transaction|already imported|ALREADY_EXISTS/i.test(describeError(error))) return;
      // nodes word "already mined" in their own ways (anvil: "nonce has already been used"): whatever the words, once
      // the account's nonce is past this one the receipt decides (ours mined, or another took the nonce: dropped)
      const mined = await chain.run("nonce", (p) => p.getTransactionCount(address, "latest"));
      if (mined > intent.nonce) return;
      throw error;
    }
  }

  async function waitMined(intent: Intent): Promise<SendOutcome> {
    let lastBroadcast = clock.nowMs();
    for (;;) {
      const receipt = await chain.run(`receipt ${intent.key}`, (p) => p.getTransactionReceipt(intent.hash));
      if (receipt) {
        const status = receipt.status === 1 ? "mined" : "reverted";
        await store.updateIntent(intent.key, { status, block: receipt.blockNumber, updatedAt: clock.now() });
        if (status === "reverted") log.warn("transaction reverted", { key: intent.key, hash: intent.hash });
        return { key: intent.key, hash: intent.hash, status, block: receipt.blockNumber, alreadyDone: false };
      }
      // our nonce was used by another transaction (someone else holds the key too): this one can never be mined
      const mined = await chain.run("nonce", (p) => p.getTransactionCount(address, "latest"));
      if (mined > intent.nonce) {
        const again = await chain.run(`receipt ${intent.key}`, (p) => p.getTransactionReceipt(intent.hash));
        if (!again) {
          await store.updateIntent(intent.key, { status: "dropped", updatedAt: clock.now() });
          throw new RetryableError(
            `nonce ${intent.nonce} of ${address} was used by another transaction, so "${intent.key}" was never mined; ` +
              "the job checks the chain and signs it again (is another keeper running with the same key?)",
          );
        }
        continue;
      }
      if (clock.nowMs() - lastBroadcast >= rebroadcastAfterMs) {
        log.info("no receipt yet, broadcasting the same transaction again", { key: intent.key, hash: intent.hash });
        await broadcast(intent);
        lastBroadcast = clock.nowMs();
      }
      await clock.sleep(pollMs);
    }
  }

  async function nextNonce(): Promise<number> {
    const pending = await chain.run("nonce", (p) => p.getTransactionCount(address, "pending"));
    // every recorded transaction holds its nonce: an unmined one even if the node forgot it (restarted, dropped),
    // a mined one even if this node lags behind the one that mined it (load-balanced RPC endpoints)
    const recorded = await store.highestNonce(address);
    return Math.max(pending, recorded === undefined ? 0 : recorded + 1);
  }

  async function signAndRecord(key: string, kind: string, request: TransactionRequest): Promise<Intent> {
    const nonce = await nextNonce();
    const populated = await chain.run(`prepare ${key}`, async (p) => {
      const connected = signer.connect(p);
      return connected.populateTransaction({ ...request, from: address, nonce, chainId: chain.chainId });
    });
    const raw = await signer.signTransaction(populated);
    const hash = Transaction.from(raw).hash!;
    const now = clock.now();
    const intent: Intent = {
      key,
      kind,
      sender: address,
      nonce,
      raw,
      hash,
      status: "signed",
      createdAt: now,
      updatedAt: now,
    };
    await store.saveIntent(intent);
    return intent;
  }

  async function send(key: string, kind: string, request: TransactionRequest): Promise<SendOutcome> {
    return serial(async () => {
      let intent = await store.intent(key);
      if (intent && (intent.status === "mined" || intent.status === "reverted")) {
        return {
          key,
          hash: intent.hash,
          status: intent.status,
          block: intent.block ?? 0,
          alreadyDone: true,
        };
      }
      if (!intent || intent.status === "dropped") {
        intent = await signAndRecord(key, kind, request);
        log.info("sending", { key, kind, nonce: intent.nonce, hash: intent.hash });
      } else {
        log.info("resuming a recorded transaction", { key, nonce: intent.nonce, hash: intent.hash });
      }
      try {
        await broadcast(intent);
      } catch (error) {
        // the node refused it for a reason of its own (e.g. it would revert at estimate time is not the case here:
        // the raw transaction carries its gas); keep the intent so a restart retries the same bytes
        throw new RetryableError(`broadcast of ${key} failed: ${describeError(error)}`, { cause: error });
      }
      if (intent.status === "signed") await store.updateIntent(key, { status: "sent", updatedAt: clock.now() });
      return waitMined(intent);
    });
  }

  async function resume(): Promise<number> {
    const open = (await store.intents({ status: ["signed", "sent"], limit: 1000 })).filter((i) => i.sender === address);
    open.sort((a, b) => a.nonce - b.nonce);
    for (const intent of open) {
      log.info("resuming a transaction recorded before a restart", { key: intent.key, nonce: intent.nonce });
      await serial(async () => {
        await broadcast(intent);
        return waitMined(intent);
      });
    }
    return open.length;
  }

  return { address, send, resume };
}
