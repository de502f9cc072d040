import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One deployed contract. */
export interface DeployedContract {
  address: string;
  /** Block the contract was created in: where an event watcher starts. */
  blockNumber: number;
}

/** What `deployments/<chainId>.json` holds: written by the suite deploy, read by everything else. */
export interface Deployment {
  chainId: number;
  network: string;
  deployer: string;
  deployedAt: string;
  contracts: {
    MintToken: DeployedContract;
    FlyTimelock: DeployedContract;
    FlyGovernor: DeployedContract;
    [name: string]: DeployedContract;
  };
  /** The treasury: the timelock holds the DAO's funds. */
  treasury: string;
  parameters: Record<string, string | number>;
}

/** Folder of the deployment files: `<repo>/deployments`, or `FLYAI_DEPLOYMENTS_DIR`. */
export function deploymentsDir(): string {
  return process.env.FLYAI_DEPLOYMENTS_DIR ?? fileURLToPath(new URL("../../deployments/", import.meta.url));
}

export function deploymentPath(chainId: number | bigint): string {
  return `${deploymentsDir().replace(/\/$/, "")}/${chainId}.json`;
}

/** The deployment on `chainId`, or undefined when the suite was never deployed there. */
export function findDeployment(chainId: number | bigint): Deployment | undefined {
  const path = deploymentPath(chainId);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as Deployment;
}

/** The deployment on `chainId`; throws an error that says how to make one. */
export function loadDeployment(chainId: number | bigint): Deployment {
  const deployment = findDeployment(chainId);
  if (!deployment) {
    throw new Error(
      `no FlyAIMusic deployment for chain ${chainId} (${deploymentPath(chainId)}); run \`npm start\` for the devnet or \`npm run deploy -- --rpc <url>\``,
    );
  }
  return deployment;
}
