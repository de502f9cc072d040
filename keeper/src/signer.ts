// Who signs the keeper's transactions: the configured key (hex or keystore); without one, the dev mnemonic's keeper
// account on a devnet chain; otherwise nobody (read-only: the jobs that send transactions do not run).
import { type Signer, Wallet } from "ethers";
import { readFileSync } from "node:fs";
import type { KeeperConfig } from "./config.ts";
import { devAccount, DEVNET_KEEPER_INDEX, isDevnetChain } from "./devnet.ts";
import { describeError, KeeperError } from "./errors.ts";
import type { Logger } from "./log.ts";

export async function loadSigner(config: KeeperConfig, chainId: number, log: Logger): Promise<Signer | undefined> {
  if (config.key && "privateKey" in config.key) return new Wallet(config.key.privateKey);
  if (config.key && "keystore" in config.key) {
    try {
      return await Wallet.fromEncryptedJson(readFileSync(config.key.keystore, "utf8"), config.key.password);
    } catch (error) {
      throw new KeeperError(
        `cannot open the keystore ${config.key.keystore}: ${describeError(error)}; check FLYAI_KEEPER_KEYSTORE_PASSWORD`,
      );
    }
  }
  if (isDevnetChain(chainId)) {
    log.info("devnet: signing with the dev mnemonic's keeper account", { index: DEVNET_KEEPER_INDEX });
    return devAccount(DEVNET_KEEPER_INDEX);
  }
  log.warn("no keeper key (FLYAI_KEEPER_KEY or FLYAI_KEEPER_KEYSTORE): read-only, no transactions are sent");
  return undefined;
}
