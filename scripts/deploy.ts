// `npm run deploy -- [--rpc <url>] [--params <file>] [--network <name>]`: the suite deploy against any JSON-RPC
// endpoint, signed by FLYAI_PRIVATE_KEY or --keystore <file> (FLYAI_KEYSTORE_PASSWORD); on the devnet also
// --account <index>. Parameters come from a JSON file (see governance/deploy/networks/example.json); without one,
// only the devnet may be deployed (with the devnet parameters). Writes deployments/<chainId>.json.
import { MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import { Network } from "ethers";
import { parseArgs } from "@flyaimusic/kit/cli/args.ts";
import { loadSigner, rpcUrl } from "@flyaimusic/kit/cli/context.ts";
import { CliError } from "@flyaimusic/kit/cli/errors.ts";
import { probeChainId } from "@flyaimusic/kit/chain-id.ts";
import { isDevnetChain } from "@flyaimusic/kit/devnet.ts";
import { DEMO_GENESIS, devnetParams, loadParams, type SuiteParams } from "@flyaimusic/deploy/params.ts";
import { deploySuite } from "@flyaimusic/deploy/suite.ts";
import { devAccounts } from "./devnet/accounts.ts";

const io = { env: process.env } as Parameters<typeof rpcUrl>[1];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const allowed = new Set(["rpc", "params", "network", "keystore", "account"]);
  for (const name of args.options.keys()) {
    if (!allowed.has(name))
      throw new CliError(`unknown option --${name}`, `options: ${[...allowed].map((o) => `--${o}`).join(" ")}`);
  }
  const url = rpcUrl(args, io);
  const chainId = await probeChainId(url);
  const provider = new MarginedJsonRpcProvider(url, Network.from(chainId), { staticNetwork: true, cacheTimeout: -1 });
  try {
    const signer = await loadSigner(args, io, provider, chainId);
    if (!signer)
      throw new CliError(
        "deploying needs a key",
        "set FLYAI_PRIVATE_KEY, or --keystore <file> with FLYAI_KEYSTORE_PASSWORD",
      );
    const paramsFile = args.options.get("params");
    let params: SuiteParams;
    if (paramsFile) {
      try {
        params = loadParams(paramsFile);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
    } else if (isDevnetChain(chainId)) {
      const accounts = devAccounts(5);
      params = devnetParams(
        (["alice", "bob", "carol", "dave"] as const).map((label, i) => ({
          address: accounts[i + 1].address,
          label,
          amount: DEMO_GENESIS[label],
        })),
      );
    } else {
      throw new CliError(
        `chain ${chainId} is not the devnet: give the parameters with --params <file>`,
        "start from governance/deploy/networks/example.json",
      );
    }
    const network = args.options.get("network") ?? (isDevnetChain(chainId) ? "devnet" : `chain-${chainId}`);
    console.log(`deploying the FlyAIMusic suite to ${network} (chain ${chainId}) from ${await signer.getAddress()}`);
    const started = Date.now();
    const { path } = await deploySuite({ signer, params, network, log: (line) => console.log(`  ${line}`) });
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; addresses in ${path}`);
  } finally {
    provider.destroy();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof CliError) {
    console.error(`deploy: ${error.message}${error.hint ? `\n  ${error.hint}` : ""}`);
    process.exitCode = 2;
  } else {
    console.error(`deploy failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
