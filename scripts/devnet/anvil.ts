// The chain launcher: starts one anvil per chain of the devnet (the home chain today; a second chain for the bridge
// later), each on 127.0.0.1 with the dev mnemonic, its state in memory (a fresh chain every run), and waits until
// its JSON-RPC answers with the expected chain id.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MarginedJsonRpcProvider } from "@flyaimusic/bindings";
import type { JsonRpcProvider } from "ethers";
import { DEV_MNEMONIC, DEVNET_ACCOUNT_COUNT } from "./accounts.ts";
import { DevnetError, type Logger } from "./log.ts";
import { isPortFree, portHolder, probeRpc } from "./processes.ts";
import { describeExit, type SupervisedChild, type Supervisor } from "./supervisor.ts";

export interface ChainSpec {
  /** Name used in logs and by steps: "home". */
  name: string;
  chainId: number;
  port: number;
}

export interface Chain extends ChainSpec {
  host: string;
  rpcUrl: string;
  /** Provider with caching off: anvil mines on every transaction and reads must see it at once. */
  provider: JsonRpcProvider;
  process: SupervisedChild;
  /** What the node says it is (web3_clientVersion), e.g. "anvil/v1.7.1". */
  client: string;
}

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 15_000;

/** The anvil binary from the npm package for this platform (`@foundry-rs/anvil-<os>-<arch>`), or FLYAI_ANVIL. */
export function anvilBinary(): string {
  if (process.env.FLYAI_ANVIL) return process.env.FLYAI_ANVIL;
  const os = { linux: "linux", darwin: "darwin", win32: "win32" }[process.platform as string];
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  const pkg = `@foundry-rs/anvil-${os}-${arch}`;
  try {
    const dir = join(createRequire(import.meta.url).resolve(`${pkg}/package.json`), "..");
    const binary = join(dir, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
    if (existsSync(binary)) return binary;
  } catch {
    // not installed: explained below
  }
  throw new DevnetError(
    `anvil is not installed: the devnet runs anvil from the npm package ${pkg}. Run \`npm ci\` (the root ` +
      "package.json lists it for linux x64; add your platform's package), or point FLYAI_ANVIL at an anvil binary.",
  );
}

async function explainBusyPort(port: number): Promise<never> {
  const holder = portHolder(port);
  const node = await probeRpc(`http://${HOST}:${port}`);
  const command =
    holder?.command && holder.command.length > 100 ? `${holder.command.slice(0, 100)} ...` : holder?.command;
  const lines = [`port ${port} on ${HOST} is already in use, so the devnet cannot start its chain there.`];
  if (holder) lines.push(`    held by  pid ${holder.pid}${command ? `: ${command}` : ""}`);
  if (node) lines.push(`    answers  ${node}`);
  if (holder?.command?.includes("anvil") || node?.includes("anvil"))
    lines.push("It looks like an anvil of another devnet (another checkout, or started by hand).");
  const stop = holder
    ? `Stop it (Ctrl-C in its terminal, or \`kill ${holder.pid}\`)`
    : `Stop what holds it (\`ss -ltnp | grep :${port}\` or \`lsof -i :${port}\` names it)`;
  lines.push(
    `${stop}, or run this devnet on another port: FLYAI_DEVNET_PORT=${port + 10000 <= 65535 ? port + 10000 : 18545} npm start`,
  );
  throw new DevnetError(lines.join("\n"));
}

/** Starts anvil for `spec` under the supervisor and resolves once its RPC answers. */
export async function startChain(
  spec: ChainSpec,
  options: { supervisor: Supervisor; stateDir: string; log: Logger },
): Promise<Chain> {
  const { supervisor, stateDir, log } = options;
  if (!(await isPortFree(HOST, spec.port))) await explainBusyPort(spec.port);
  const binary = anvilBinary();
  const rpcUrl = `http://${HOST}:${spec.port}`;
  const logFile = join(stateDir, `anvil-${spec.chainId}.log`);
  const started = performance.now();
  const child = await supervisor.start({
    name: `anvil (chain ${spec.chainId})`,
    command: binary,
    args: [
      "--host",
      HOST,
      "--port",
      String(spec.port),
      "--chain-id",
      String(spec.chainId),
      "--mnemonic",
      DEV_MNEMONIC,
      "--accounts",
      String(DEVNET_ACCOUNT_COUNT),
      "--balance",
      "10000",
    ],
    logFile,
  });

  const failed = (why: string) =>
    new DevnetError(
      [
        `anvil for chain ${spec.name} (${spec.chainId}) ${why}. Last lines of its output (${logFile}):`,
        ...child.tail(),
      ].join("\n"),
    );
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let client: string | undefined;
  while (client === undefined) {
    if (child.exitStatus) throw failed(describeExit(child.exitStatus));
    if (Date.now() > deadline) throw failed(`did not answer on ${rpcUrl} within ${READY_TIMEOUT_MS / 1000} s`);
    const answer = await probeRpc(rpcUrl, 500);
    if (answer === undefined) {
      await sleep(50);
      continue;
    }
    if (!answer.endsWith(`chain id ${spec.chainId}`)) throw failed(`answered as ${answer}, not chain ${spec.chainId}`);
    client = answer.replace(/, chain id \d+$/, "");
  }
  log.info(
    `${client} on ${rpcUrl}, pid ${child.pid}, ready in ${((performance.now() - started) / 1000).toFixed(1)} s ${log.dim(`(log ${logFile})`)}`,
  );
  const provider = new MarginedJsonRpcProvider(rpcUrl, spec.chainId, {
    cacheTimeout: -1,
    staticNetwork: true,
    pollingInterval: 100,
  });
  return { ...spec, host: HOST, rpcUrl, provider, process: child, client };
}
