// Where a command runs: the chain (from --rpc, FLYAI_RPC_URL or the devnet default), the suite deployed on it, and
// the key that signs (FLYAI_PRIVATE_KEY, --keystore, or on the devnet only --account <index>). Keys are never
// printed; the dev mnemonic is public and refused on any chain but the devnet.
import { readFileSync } from "node:fs";
import {
  type Deployment,
  deploymentPath,
  type FlyGovernor,
  FlyGovernor__factory,
  type FlyTimelock,
  FlyTimelock__factory,
  findDeployment,
  type MintToken,
  MintToken__factory,
  MarginedJsonRpcProvider,
} from "@flyaimusic/bindings";
import { HDNodeWallet, JsonRpcProvider, Network, type Provider, type Signer, Wallet } from "ethers";
import type { ParsedArgs } from "./args.ts";
import { CliError } from "./errors.ts";
import type { Output } from "./format.ts";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
export const DEVNET_CHAIN_ID = 31337n;
/** The devnet's chains: home (31337) and remote (31338, the bridges' second chain). */
export const DEVNET_CHAIN_IDS: readonly bigint[] = [31337n, 31338n];

export function isDevnetChain(chainId: bigint): boolean {
  return DEVNET_CHAIN_IDS.includes(chainId);
}
/** The public, well-known development mnemonic (Hardhat's and anvil's default accounts). Devnet only. */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** What the caller hands to `runCli`: the process's streams and env, or a test's fakes and in-process chain. */
export interface CliIO {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  /** Use this chain instead of connecting to --rpc (tests: the in-process network). */
  provider?: Provider;
  /** Sign with this instead of a key from env or keystore. */
  signer?: Signer;
  /** Use this deployment instead of deployments/<chainId>.json. */
  deployment?: Deployment;
  /** How to look a deployment up by chain id (default: the deployments/ folder). */
  findDeployment?: (chainId: bigint) => Deployment | undefined;
  /** Wall-clock seconds (default: Date.now()). */
  now?: () => number;
}

export interface Context {
  args: ParsedArgs;
  io: CliIO;
  provider: Provider;
  chainId: bigint;
  deployment: Deployment;
  governor: FlyGovernor;
  token: MintToken;
  timelock: FlyTimelock;
  /** The network options to repeat in a suggested next command. */
  networkFlags: string;
  /** The signer, or a CliError that says how to provide a key. */
  signer(): Promise<Signer>;
  /** The signer if a key was given, else undefined. */
  maybeSigner(): Promise<Signer | undefined>;
  /** Best estimate of the next block's timestamp: the later of the chain's latest block and the wall clock. */
  now(): Promise<number>;
  close(): void;
}

export async function probeChainId(url: string): Promise<bigint> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const { cause } = error as { cause?: { code?: string; message?: string } };
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new CliError(
      `cannot reach a JSON-RPC node at ${url} (${reason})`,
      url === DEFAULT_RPC_URL
        ? "start the devnet with `npm start`, or point --rpc / FLYAI_RPC_URL at a node"
        : "check --rpc / FLYAI_RPC_URL",
    );
  }
  let body: { result?: string; error?: { message?: string } } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (!response.ok || typeof body?.result !== "string") {
    throw new CliError(
      `${url} did not answer eth_chainId (HTTP ${response.status}${body?.error?.message ? `: ${body.error.message}` : ""})`,
      "is it a JSON-RPC endpoint?",
    );
  }
  return BigInt(body.result);
}

export function rpcUrl(args: ParsedArgs, io: CliIO): string {
  const url = args.options.get("rpc") ?? io.env.FLYAI_RPC_URL ?? DEFAULT_RPC_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`"${url}" is not a URL`, "write the RPC endpoint as http://host:port or https://...");
  }
  if (!["http:", "https:"].includes(parsed.protocol)) {
    throw new CliError(`${url}: only http(s) JSON-RPC endpoints are supported`);
  }
  return url;
}

function readDeploymentFile(path: string): Deployment {
  let deployment: Deployment;
  try {
    deployment = JSON.parse(readFileSync(path, "utf8")) as Deployment;
  } catch (error) {
    throw new CliError(`cannot read the deployment file ${path}: ${(error as Error).message}`);
  }
  if (!deployment?.contracts?.FlyGovernor?.address) {
    throw new CliError(`${path} is not a FlyAIMusic deployment file (no contracts.FlyGovernor)`);
  }
  return deployment;
}

function resolveDeployment(args: ParsedArgs, io: CliIO, chainId: bigint): Deployment {
  const file = args.options.get("deployment");
  const deployment =
    io.deployment ?? (file ? readDeploymentFile(file) : (io.findDeployment ?? findDeployment)(chainId));
  if (!deployment) {
    throw new CliError(
      `no FlyAIMusic deployment on chain ${chainId} (looked for ${deploymentPath(chainId)})`,
      isDevnetChain(chainId)
        ? "run `npm start` to start the devnet with the suite deployed"
        : "is --rpc the right network? deploy there with `npm run deploy -- --rpc <url>`, or pass --deployment <file>",
    );
  }
  if (BigInt(deployment.chainId) !== chainId) {
    throw new CliError(
      `the deployment is for chain ${deployment.chainId} but the RPC endpoint is chain ${chainId}`,
      "point --rpc at the deployment's network, or pick the matching --deployment file",
    );
  }
  return deployment;
}

export async function loadSigner(
  args: ParsedArgs,
  io: CliIO,
  provider: Provider,
  chainId: bigint,
): Promise<Signer | undefined> {
  if (io.signer) return io.signer;
  const keystore = args.options.get("keystore");
  const account = args.options.get("account");
  if (keystore && account !== undefined) throw new CliError("give either --keystore or --account, not both");
  if (account !== undefined) {
    if (!isDevnetChain(chainId)) {
      throw new CliError(
        `--account uses the public dev mnemonic and works only on the devnet (chains ${DEVNET_CHAIN_IDS.join(", ")}); this is chain ${chainId}`,
        "set FLYAI_PRIVATE_KEY, or use --keystore <file> with FLYAI_KEYSTORE_PASSWORD",
      );
    }
    if (!/^\d+$/.test(account) || Number(account) > 1000) {
      throw new CliError(`--account: "${account}" is not an account index (0, 1, 2 ...)`);
    }
    return HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${Number(account)}`).connect(provider);
  }
  if (keystore) {
    const password = io.env.FLYAI_KEYSTORE_PASSWORD;
    if (password === undefined) {
      throw new CliError("--keystore needs its password in FLYAI_KEYSTORE_PASSWORD");
    }
    let json: string;
    try {
      json = readFileSync(keystore, "utf8");
    } catch (error) {
      throw new CliError(`cannot read the keystore ${keystore}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
    try {
      return (await Wallet.fromEncryptedJson(json, password)).connect(provider);
    } catch {
      throw new CliError(
        `cannot decrypt the keystore ${keystore}`,
        "is it an encrypted JSON wallet, and is FLYAI_KEYSTORE_PASSWORD its password?",
      );
    }
  }
  const key = io.env.FLYAI_PRIVATE_KEY;
  if (key) {
    try {
      return new Wallet(key.startsWith("0x") ? key : `0x${key}`, provider);
    } catch {
      // The key's text never goes into a message.
      throw new CliError("FLYAI_PRIVATE_KEY is not a valid private key (32 bytes of hex)");
    }
  }
  return undefined;
}

/** Connects to the chain and the deployment on it. */
export async function openContext(args: ParsedArgs, io: CliIO): Promise<Context> {
  let provider = io.provider;
  let owned: JsonRpcProvider | undefined;
  let chainId: bigint;
  let networkFlags = "";
  if (provider) {
    chainId = (await provider.getNetwork()).chainId;
  } else {
    const url = rpcUrl(args, io);
    chainId = await probeChainId(url);
    // staticNetwork: one eth_chainId is enough; cacheTimeout -1: a read right after a transaction must see it.
    owned = new MarginedJsonRpcProvider(url, Network.from(chainId), { staticNetwork: true, cacheTimeout: -1 });
    provider = owned;
    if (args.options.has("rpc")) networkFlags += ` --rpc ${url}`;
  }
  if (args.options.has("deployment")) networkFlags += ` --deployment ${args.options.get("deployment")}`;
  const close = () => owned?.destroy();
  try {
    const deployment = resolveDeployment(args, io, chainId);
    const governorAddress = deployment.contracts.FlyGovernor.address;
    if ((await provider.getCode(governorAddress)) === "0x") {
      throw new CliError(
        `the deployment file says FlyGovernor is at ${governorAddress} on chain ${chainId}, but there is no contract there`,
        isDevnetChain(chainId)
          ? "the devnet was restarted without its deployment: restart it with `npm start`"
          : "the deployment file is stale or for another network",
      );
    }
    let signerPromise: Promise<Signer | undefined> | undefined;
    const maybeSigner = () => {
      signerPromise ??= loadSigner(args, io, provider, chainId);
      return signerPromise;
    };
    const wallClock = io.now ?? (() => Math.floor(Date.now() / 1000));
    return {
      args,
      io,
      provider,
      chainId,
      deployment,
      governor: FlyGovernor__factory.connect(governorAddress, provider),
      token: MintToken__factory.connect(deployment.contracts.MintToken.address, provider),
      timelock: FlyTimelock__factory.connect(deployment.contracts.FlyTimelock.address, provider),
      networkFlags,
      maybeSigner,
      async signer() {
        const signer = await maybeSigner();
        if (!signer) {
          throw new CliError(
            "this command sends a transaction and needs a key",
            `set FLYAI_PRIVATE_KEY, or --keystore <file> with FLYAI_KEYSTORE_PASSWORD${isDevnetChain(chainId) ? ", or on the devnet --account <index>" : ""}`,
          );
        }
        return signer;
      },
      async now() {
        const latest = await provider.getBlock("latest");
        return Math.max(latest?.timestamp ?? 0, wallClock());
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
