// `node bridge/relayer/run.ts`: the devnet relayer as a process (the devnet starts it; see relayer.ts).
//   FLYAI_RELAYER_CHAINS  name=rpc pairs, comma-separated: home=http://127.0.0.1:8545,remote=http://127.0.0.1:8546
//   FLYAI_RELAYER_KEY     the private key of the message libraries' verifier (devnet: a dev-mnemonic account)
//   FLYAI_DEPLOYMENTS_DIR where deployments/<chainId>.json are (each names its LayerZero endpoint and library)
import { loadDeployment, MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import { Wallet } from "ethers";
import { type RelayChain, Relayer } from "./relayer.ts";

const POLL_MS = 500;

function fail(message: string): never {
  process.stderr.write(`relayer: ${message}\n`);
  process.exit(2);
}

const chainsSpec = process.env.FLYAI_RELAYER_CHAINS ?? fail("set FLYAI_RELAYER_CHAINS (name=rpc,name=rpc)");
const key = process.env.FLYAI_RELAYER_KEY ?? fail("set FLYAI_RELAYER_KEY (the verifier's private key)");

const chains: RelayChain[] = [];
for (const pair of chainsSpec.split(",")) {
  const [name, rpc] = pair.split("=");
  if (!name || !rpc) fail(`"${pair}" is not name=rpc`);
  const provider = new MarginedJsonRpcProvider(rpc, undefined, { cacheTimeout: -1, pollingInterval: 200 });
  const chainId = (await provider.getNetwork()).chainId;
  const deployment = loadDeployment(chainId);
  const endpoint = deployment.contracts.LayerZeroEndpoint;
  const lib = deployment.contracts.LayerZeroMessageLib;
  if (!endpoint || !lib) fail(`chain ${name} (${chainId}) has no LayerZero endpoint in its deployment file`);
  chains.push({
    name,
    eid: Number(deployment.parameters.lzEid),
    signer: new Wallet(key, provider),
    endpoint: endpoint.address,
    messageLib: lib.address,
    fromBlock: endpoint.blockNumber,
  });
}

const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const relayer = new Relayer(chains, log);
log(`relaying between ${chains.map((c) => `${c.name} (eid ${c.eid})`).join(" and ")} every ${POLL_MS} ms`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
  });
}
while (!stopping) {
  try {
    await relayer.tick();
  } catch (error) {
    log(`tick failed, retrying: ${(error as Error).message}`);
  }
  await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}
log("stopped");
process.exit(0);
