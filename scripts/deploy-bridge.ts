// `npm run deploy:bridge -- --config bridge/config/testnets.json --rpc <name>=<url> ...`: the bridges on public
// networks. For the config's home chain and each remote named with an --rpc, the suite must already be deployed
// there (`npm run deploy`, which writes deployments/<chainId>.json). Deploys the home end (adapters around MusicNFT
// and MINT) and each remote end (remote collection and MINT) on LayerZero's endpoint from the config, wires every
// pair both ways (peers and enforced receive gas), hands each end to its chain's timelock and adds the addresses
// and the eid to each deployment file. Keys: FLYAI_PRIVATE_KEY, or --keystore <file> (FLYAI_KEYSTORE_PASSWORD).
import { readFileSync, writeFileSync } from "node:fs";
import { type Deployment, deploymentPath, findDeployment, MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import {
  type BridgeEnd,
  deployHomeBridge,
  deployRemoteBridge,
  handEndToTimelock,
  wireEnd,
} from "@flyaimusic/bridge/deploy/bridge.ts";
import { Network, type Signer } from "ethers";
import { parseArgs } from "@flyaimusic/kit/cli/args.ts";
import { loadSigner } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { probeChainId } from "@flyaimusic/kit/chain-id.ts";

interface BridgeConfig {
  home: string;
  remotes: string[];
  chains: Record<string, { chainId: number; eid: number; endpoint: string }>;
}

interface Side {
  name: string;
  signer: Signer;
  deployment: Deployment;
  end?: BridgeEnd;
  destroy: () => void;
}

const io = { env: process.env } as Parameters<typeof loadSigner>[1];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rpcs = new Map<string, string>();
  // --rpc may repeat (one per chain): collect them before the usual parser, which allows each option once
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--rpc") {
      const [name, url] = (argv[++i] ?? "").split(/=(.*)/s);
      if (!name || !url) throw new CliError(`--rpc takes <chain name>=<url>, got "${argv[i] ?? ""}"`);
      rpcs.set(name, url);
    } else rest.push(argv[i]);
  }
  const args = parseArgs(rest);
  const configPath = args.options.get("config") ?? "bridge/config/testnets.json";
  const config = JSON.parse(readFileSync(configPath, "utf8")) as BridgeConfig;
  const names = [config.home, ...config.remotes.filter((name) => rpcs.has(name))];
  if (!rpcs.has(config.home)) throw new CliError(`give the home chain's RPC: --rpc ${config.home}=<url>`);
  if (names.length < 2) throw new CliError(`give at least one remote's RPC: --rpc ${config.remotes[0]}=<url>`);

  const sides: Side[] = [];
  try {
    for (const name of names) {
      const chain = config.chains[name];
      if (!chain) throw new CliError(`${configPath} has no chain "${name}"`);
      const url = rpcs.get(name) as string;
      const chainId = await probeChainId(url);
      if (chainId !== BigInt(chain.chainId)) {
        throw new CliError(`${url} is chain ${chainId}, but ${configPath} says ${name} is chain ${chain.chainId}`);
      }
      const provider = new MarginedJsonRpcProvider(url, Network.from(chainId), {
        staticNetwork: true,
        cacheTimeout: -1,
      });
      const signer = await loadSigner(args, io, provider, chainId);
      if (!signer) throw new CliError("deploying needs a key", "set FLYAI_PRIVATE_KEY, or --keystore <file>");
      const deployment = findDeployment(chainId);
      if (!deployment)
        throw new CliError(`no suite on ${name} (chain ${chainId}): run \`npm run deploy -- --rpc ${url}\` first`);
      sides.push({ name, signer, deployment, destroy: () => provider.destroy() });
    }
    for (const side of sides) {
      const chain = config.chains[side.name];
      const c = side.deployment.contracts;
      console.log(
        `deploying the ${side.name === config.home ? "home" : "remote"} end on ${side.name} (eid ${chain.eid})`,
      );
      side.end =
        side.name === config.home
          ? await deployHomeBridge(
              side.signer,
              {
                endpoint: chain.endpoint,
                musicNFT: c.MusicNFT.address,
                mintToken: c.MintToken.address,
                eid: chain.eid,
              },
              c,
            )
          : await deployRemoteBridge(side.signer, { endpoint: chain.endpoint, eid: chain.eid }, c);
    }
    for (const from of sides) {
      for (const to of sides) {
        if (from === to || !from.end || !to.end) continue;
        console.log(`wiring ${from.name} -> ${to.name}`);
        await wireEnd(from.signer, from.end, to.end);
      }
    }
    for (const side of sides) {
      if (!side.end) continue;
      await handEndToTimelock(side.signer, side.end, side.deployment.treasury);
      side.deployment.parameters.lzEid = config.chains[side.name].eid;
      writeFileSync(deploymentPath(side.deployment.chainId), `${JSON.stringify(side.deployment, null, 2)}\n`);
      console.log(
        `${side.name}: owned by its timelock ${side.deployment.treasury}; ${deploymentPath(side.deployment.chainId)} updated`,
      );
    }
  } finally {
    for (const side of sides) side.destroy();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof CliError) {
    console.error(`deploy:bridge: ${error.message}${error.hint ? `\n  ${error.hint}` : ""}`);
    process.exitCode = 2;
  } else {
    console.error(`deploy:bridge failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
