// The keeper's configuration, read once at start from the environment and an optional JSON file
// (FLYAI_KEEPER_CONFIG; the environment wins). Every value is checked here, so a bad one stops the keeper with a
// message naming the variable, before it touches the chain.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseEther } from "ethers";
import type { EpochBudget } from "./domain.ts";
import { KeeperError } from "./errors.ts";

export interface KeeperConfig {
  /** JSON-RPC endpoints: the primary first, then fallbacks. */
  rpcUrls: string[];
  /** The keeper's key: a hex private key, or a keystore file and its password. Unset: read-only (no jobs that
   * send transactions); on a devnet chain the dev mnemonic's keeper account is used. */
  key?: { privateKey: string } | { keystore: string; password: string };
  dbPath: string;
  /** Where epoch trees are written. */
  dataDir: string;
  host: string;
  port: number;
  confirmations: number;
  pollMs: number;
  /** Epoch length and the start of epoch 1 (unix seconds; unset: the keeper's first start, rounded down). */
  epochSeconds: number;
  epochGenesis?: number;
  /** Wait this long after an epoch's end before closing it (late reports of its last minutes). */
  epochGraceSeconds: number;
  budget: EpochBudget;
  /** ETH paid into the RoyaltySplitter per qualified play of a track at each epoch close (0: off). */
  streamingWeiPerPlay: bigint;
  jobs: { auctions: boolean; epochs: boolean; streaming: boolean };
  /** Seconds after a seller's opt-in before the keeper starts its auction. */
  auctionStartDelaySeconds: number;
  /** Listening-report limits. */
  plays: {
    maxBodyBytes: number;
    maxPlaysPerReport: number;
    reportsPerMinutePerListener: number;
    /** Reports and engagement items a minute from one client address (checked before any signature work). */
    itemsPerMinutePerClient: number;
  };
  log: { level: "debug" | "info" | "warn" | "error"; format: "text" | "json" };
}

const DEFAULTS = {
  rpcUrls: ["http://127.0.0.1:8545"],
  dbPath: ".keeper/keeper.sqlite",
  dataDir: ".keeper",
  host: "127.0.0.1",
  port: 8600,
  confirmations: 2,
  pollMs: 1_000,
  epochSeconds: 86_400,
  epochGraceSeconds: 120,
  // a day's pools (MINT): within the distributor's default epoch budget of 1,000,000 MINT
  budget: { listen: "40000", holder: "15000", create: "25000", engagement: "10000", discovery: "10000" },
  streamingWeiPerPlay: "0",
  maxBodyBytes: 256 * 1024,
  maxPlaysPerReport: 500,
  reportsPerMinutePerListener: 30,
  itemsPerMinutePerClient: 60_000,
};

type Source = Record<string, unknown>;

function pick(env: NodeJS.ProcessEnv, file: Source, envName: string, fileKey: string): string | undefined {
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const fromFile = file[fileKey];
  if (fromFile === undefined || fromFile === null) return undefined;
  return typeof fromFile === "string" ? fromFile : JSON.stringify(fromFile);
}

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new KeeperError(`${name} must be a whole number in [${min}, ${max}], not "${value}"`);
  }
  return n;
}

function flag(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new KeeperError(`${name} must be true or false, not "${value}"`);
}

function mint(value: string, name: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value)) throw new KeeperError(`${name} must be an amount of MINT, not "${value}"`);
  return parseEther(value);
}

/** Reads the configuration; `cwd` anchors relative paths. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): KeeperConfig {
  let file: Source = {};
  const configPath = env.FLYAI_KEEPER_CONFIG;
  if (configPath) {
    try {
      file = JSON.parse(readFileSync(resolve(cwd, configPath), "utf8")) as Source;
    } catch (error) {
      throw new KeeperError(
        `FLYAI_KEEPER_CONFIG=${configPath} is not a readable JSON file: ${(error as Error).message}`,
      );
    }
  }
  const get = (envName: string, fileKey: string) => pick(env, file, envName, fileKey);

  const rpcUrls = [get("FLYAI_KEEPER_RPC", "rpc") ?? DEFAULTS.rpcUrls[0]];
  const fallback = get("FLYAI_KEEPER_RPC_FALLBACK", "rpcFallback");
  if (fallback)
    rpcUrls.push(
      ...fallback
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean),
    );
  for (const url of rpcUrls) {
    if (!/^(https?|wss?):\/\//.test(url))
      throw new KeeperError(`RPC url "${url}" must start with http(s):// or ws(s)://`);
  }

  let key: KeeperConfig["key"];
  const privateKey = get("FLYAI_KEEPER_KEY", "key");
  const keystore = get("FLYAI_KEEPER_KEYSTORE", "keystore");
  if (privateKey && keystore) throw new KeeperError("set FLYAI_KEEPER_KEY or FLYAI_KEEPER_KEYSTORE, not both");
  if (privateKey) {
    if (!/^(0x)?[0-9a-fA-F]{64}$/.test(privateKey)) throw new KeeperError("FLYAI_KEEPER_KEY must be a 32-byte hex key");
    key = { privateKey: privateKey.startsWith("0x") ? privateKey : `0x${privateKey}` };
  } else if (keystore) {
    const password = env.FLYAI_KEEPER_KEYSTORE_PASSWORD;
    if (password === undefined) throw new KeeperError("FLYAI_KEEPER_KEYSTORE needs FLYAI_KEEPER_KEYSTORE_PASSWORD");
    key = { keystore: resolve(cwd, keystore), password };
  }

  const dataDir = resolve(cwd, get("FLYAI_KEEPER_DATA", "dataDir") ?? DEFAULTS.dataDir);
  const budgetSource = { ...DEFAULTS.budget, ...((file.budget as Record<string, string> | undefined) ?? {}) };
  const budget = {} as EpochBudget;
  for (const category of ["listen", "holder", "create", "engagement", "discovery"] as const) {
    const envName = `FLYAI_KEEPER_BUDGET_${category.toUpperCase()}`;
    budget[category] = mint(env[envName] ?? String(budgetSource[category]), envName);
  }
  const streaming = get("FLYAI_KEEPER_STREAMING_WEI_PER_PLAY", "streamingWeiPerPlay") ?? DEFAULTS.streamingWeiPerPlay;
  if (!/^\d+$/.test(streaming))
    throw new KeeperError("FLYAI_KEEPER_STREAMING_WEI_PER_PLAY must be a whole number of wei");
  const genesis = get("FLYAI_KEEPER_EPOCH_GENESIS", "epochGenesis");
  const level = get("FLYAI_KEEPER_LOG_LEVEL", "logLevel") ?? "info";
  if (!["debug", "info", "warn", "error"].includes(level)) {
    throw new KeeperError(`FLYAI_KEEPER_LOG_LEVEL must be debug, info, warn or error, not "${level}"`);
  }
  const format = get("FLYAI_KEEPER_LOG", "logFormat") ?? "text";
  if (format !== "text" && format !== "json") throw new KeeperError(`FLYAI_KEEPER_LOG must be text or json`);

  return {
    rpcUrls,
    key,
    dbPath: resolve(cwd, get("FLYAI_KEEPER_DB", "db") ?? join(dataDir, "keeper.sqlite")),
    dataDir,
    host: get("FLYAI_KEEPER_HOST", "host") ?? DEFAULTS.host,
    port: integer(get("FLYAI_KEEPER_PORT", "port"), "FLYAI_KEEPER_PORT", DEFAULTS.port, 0, 65535),
    confirmations: integer(
      get("FLYAI_KEEPER_CONFIRMATIONS", "confirmations"),
      "FLYAI_KEEPER_CONFIRMATIONS",
      DEFAULTS.confirmations,
      0,
      1000,
    ),
    pollMs: integer(get("FLYAI_KEEPER_POLL_MS", "pollMs"), "FLYAI_KEEPER_POLL_MS", DEFAULTS.pollMs, 50, 600_000),
    epochSeconds: integer(
      get("FLYAI_KEEPER_EPOCH_SECONDS", "epochSeconds"),
      "FLYAI_KEEPER_EPOCH_SECONDS",
      DEFAULTS.epochSeconds,
      10,
      30 * 86_400,
    ),
    epochGenesis: genesis === undefined ? undefined : integer(genesis, "FLYAI_KEEPER_EPOCH_GENESIS", 0, 0, 2 ** 40),
    epochGraceSeconds: integer(
      get("FLYAI_KEEPER_EPOCH_GRACE", "epochGraceSeconds"),
      "FLYAI_KEEPER_EPOCH_GRACE",
      DEFAULTS.epochGraceSeconds,
      0,
      86_400,
    ),
    budget,
    streamingWeiPerPlay: BigInt(streaming),
    jobs: {
      auctions: flag(get("FLYAI_KEEPER_AUCTIONS", "auctions"), "FLYAI_KEEPER_AUCTIONS", true),
      epochs: flag(get("FLYAI_KEEPER_EPOCHS", "epochs"), "FLYAI_KEEPER_EPOCHS", true),
      streaming: flag(get("FLYAI_KEEPER_STREAMING", "streaming"), "FLYAI_KEEPER_STREAMING", true),
    },
    auctionStartDelaySeconds: integer(
      get("FLYAI_KEEPER_AUCTION_DELAY", "auctionStartDelaySeconds"),
      "FLYAI_KEEPER_AUCTION_DELAY",
      0,
      0,
      30 * 86_400,
    ),
    plays: {
      maxBodyBytes: integer(
        get("FLYAI_KEEPER_MAX_BODY", "maxBodyBytes"),
        "FLYAI_KEEPER_MAX_BODY",
        DEFAULTS.maxBodyBytes,
        1024,
        16 * 1024 * 1024,
      ),
      maxPlaysPerReport: DEFAULTS.maxPlaysPerReport,
      reportsPerMinutePerListener: integer(
        get("FLYAI_KEEPER_RATE_LIMIT", "reportsPerMinutePerListener"),
        "FLYAI_KEEPER_RATE_LIMIT",
        DEFAULTS.reportsPerMinutePerListener,
        1,
        100_000,
      ),
      itemsPerMinutePerClient: integer(
        get("FLYAI_KEEPER_CLIENT_RATE_LIMIT", "itemsPerMinutePerClient"),
        "FLYAI_KEEPER_CLIENT_RATE_LIMIT",
        DEFAULTS.itemsPerMinutePerClient,
        1,
        10_000_000,
      ),
    },
    log: { level: level as KeeperConfig["log"]["level"], format },
  };
}
