// What every deploy step gets: the signer, a log with step progress, and helpers that wait for receipts and record
// each contract in the deployment.
import type { Deployment } from "@flyaimusic/bindings";
import type { BaseContract, ContractTransactionResponse, Signer } from "ethers";

export interface DeployContext {
  signer: Signer;
  deployer: string;
  chainId: number;
  contracts: Deployment["contracts"];
  log: (line: string) => void;
  /** Logs "[n/total] what". */
  progress: (what: string) => void;
  /** Waits for a deployment, records it under `name`, logs address and gas. */
  deployed<T extends BaseContract>(name: string, contract: T): Promise<T>;
  /** Waits for a transaction and checks it succeeded. */
  sent(tx: Promise<ContractTransactionResponse>, what: string): Promise<void>;
}

export function createDeployContext(
  signer: Signer,
  deployer: string,
  chainId: number,
  totalSteps: number,
  log: (line: string) => void,
): DeployContext {
  const contracts = {} as Deployment["contracts"];
  let step = 0;
  return {
    signer,
    deployer,
    chainId,
    contracts,
    log,
    progress: (what) => log(`[${++step}/${totalSteps}] ${what}`),
    async deployed(name, contract) {
      const receipt = await contract.deploymentTransaction()?.wait();
      if (!receipt) throw new Error(`deploy: ${name} has no deployment receipt`);
      const address = await contract.getAddress();
      contracts[name] = { address, blockNumber: receipt.blockNumber };
      log(`      ${name} at ${address} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
      return contract;
    },
    async sent(tx, what) {
      const receipt = await (await tx).wait();
      if (!receipt || receipt.status !== 1) throw new Error(`deploy: ${what} failed`);
    },
  };
}
