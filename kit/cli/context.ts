// Where a command runs: the chain (from --rpc, FLYAI_RPC_URL or the devnet default), the suite deployed on it, the
// key that signs (FLYAI_PRIVATE_KEY, --keystore, or on the devnet only --account <index>) and the clock. Each area
// extends this context with its own contracts (governance/cli/context.ts, protocol/cli/contracts.ts). Keys are
// never printed; the dev mnemonic is public and refused on any chain but the devnet.
import { readFileSync } from "node:fs";
import { type Deployment, deploymentPath, findDeployment, MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import { JsonRpcProvider, Network, type Provider, type Signer, Wallet } from "ethers";
import { probeChainId } from "../chain-id.ts";
import { DEFAULT_RPC_URL, DEVNET_CHAIN_IDS, devAccount, isDevnetChain } from "../devnet.ts";
import type { Output } from "../format.ts";
import type { ParsedArgs } from "./args.ts";
import { CliError } from "./errors.ts";

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

/** A chain, the suite's deployment on it, a signer when one was given, and the chain's clock. */
export interface ChainContext {
  args: ParsedArgs;
  io: CliIO;
  provider: Provider;
  chainId: bigint;
  deployment: Deployment;
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
  const first = Object.values(deployment?.contracts ?? {})[0];
  if (typeof deployment?.chainId !== "number" || typeof first?.address !== "string") {
    throw new CliError(`${path} is not a FlyAIMusic deployment file (no chainId and contracts)`);
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

/** A contract the deployment names must have code on the chain: else the file is stale or the devnet restarted. */
export async function requireDeployedCode(ctx: ChainContext, name: string): Promise<string> {
  const address = ctx.deployment.contracts[name]?.address;
  if (!address) throw new CliError(`no ${name} in the deployment of chain ${ctx.chainId}`);
  if ((await ctx.provider.getCode(address)) === "0x") {
    throw new CliError(
      `the deployment file says ${name} is at ${address} on chain ${ctx.chainId}, but there is no contract there`,
      isDevnetChain(ctx.chainId)
        ? "the devnet was restarted without its deployment: restart it with `npm start`"
        : "the deployment file is stale or for another network",
    );
  }
  return address;
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
    return devAccount(Number(account)).connect(provider);
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

/** Connects to the chain and the deployment on it; the deployment's first contract must have code there. */
export async function openChainContext(args: ParsedArgs, io: CliIO): Promise<ChainContext> {
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
    let signerPromise: Promise<Signer | undefined> | undefined;
    const maybeSigner = () => {
      signerPromise ??= loadSigner(args, io, provider, chainId);
      return signerPromise;
    };
    const wallClock = io.now ?? (() => Math.floor(Date.now() / 1000));
    const context: ChainContext = {
      args,
      io,
      provider,
      chainId,
      deployment,
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
    await requireDeployedCode(context, Object.keys(deployment.contracts)[0]);
    return context;
  } catch (error) {
    close();
    throw error;
  }
}
