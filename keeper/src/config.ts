// The keeper's configuration, read once at start from the environment and an optional JSON file
// (FLYAI_KEEPER_CONFIG; the environment wins). Every value is checked here by one zod schema, so a bad one stops the
// keeper with a message naming the variable, before it touches the chain.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseEther } from "ethers";
import { z } from "zod";
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

// Each setting's schema names its environment variable in its message, so the first issue is the whole error.

function integer(name: string, min: number, max: number) {
  const error = (issue: { input?: unknown }) =>
    `${name} must be a whole number in [${min}, ${max}], not "${String(issue.input)}"`;
  return z
    .string()
    .trim()
    .regex(/^-?\d{1,16}$/, { error })
    .transform(Number)
    .pipe(z.number().min(min, { error }).max(max, { error }));
}

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];
function flag(name: string) {
  return z
    .enum([...TRUE, ...FALSE], { error: (issue) => `${name} must be true or false, not "${String(issue.input)}"` })
    .transform((value) => TRUE.includes(value))
    .default(true);
}

function mint(name: string) {
  return z
    .string()
    .regex(/^\d+(\.\d{1,18})?$/, {
      error: (issue) => `${name} must be an amount of MINT, not "${String(issue.input)}"`,
    })
    .transform((value) => parseEther(value));
}

const rpcUrl = z.string().regex(/^(https?|wss?):\/\//, {
  error: (issue) => `RPC url "${String(issue.input)}" must start with http(s):// or ws(s)://`,
});

/** The settings as read (environment over file), by environment variable. */
const settingsSchema = z.object({
  FLYAI_KEEPER_RPC: rpcUrl.default(DEFAULTS.rpcUrls[0]),
  FLYAI_KEEPER_RPC_FALLBACK: z.array(rpcUrl).default([]),
  FLYAI_KEEPER_KEY: z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{64}$/, { error: "FLYAI_KEEPER_KEY must be a 32-byte hex key" })
    .transform((key) => (key.startsWith("0x") ? key : `0x${key}`))
    .optional(),
  FLYAI_KEEPER_KEYSTORE: z.string().optional(),
  FLYAI_KEEPER_KEYSTORE_PASSWORD: z.string().optional(),
  FLYAI_KEEPER_DATA: z.string().default(DEFAULTS.dataDir),
  FLYAI_KEEPER_DB: z.string().optional(),
  FLYAI_KEEPER_HOST: z.string().default(DEFAULTS.host),
  FLYAI_KEEPER_PORT: integer("FLYAI_KEEPER_PORT", 0, 65535).default(DEFAULTS.port),
  FLYAI_KEEPER_CONFIRMATIONS: integer("FLYAI_KEEPER_CONFIRMATIONS", 0, 1000).default(DEFAULTS.confirmations),
  FLYAI_KEEPER_POLL_MS: integer("FLYAI_KEEPER_POLL_MS", 50, 600_000).default(DEFAULTS.pollMs),
  FLYAI_KEEPER_EPOCH_SECONDS: integer("FLYAI_KEEPER_EPOCH_SECONDS", 10, 30 * 86_400).default(DEFAULTS.epochSeconds),
  FLYAI_KEEPER_EPOCH_GENESIS: integer("FLYAI_KEEPER_EPOCH_GENESIS", 0, 2 ** 40).optional(),
  FLYAI_KEEPER_EPOCH_GRACE: integer("FLYAI_KEEPER_EPOCH_GRACE", 0, 86_400).default(DEFAULTS.epochGraceSeconds),
  FLYAI_KEEPER_BUDGET_LISTEN: mint("FLYAI_KEEPER_BUDGET_LISTEN"),
  FLYAI_KEEPER_BUDGET_HOLDER: mint("FLYAI_KEEPER_BUDGET_HOLDER"),
  FLYAI_KEEPER_BUDGET_CREATE: mint("FLYAI_KEEPER_BUDGET_CREATE"),
  FLYAI_KEEPER_BUDGET_ENGAGEMENT: mint("FLYAI_KEEPER_BUDGET_ENGAGEMENT"),
  FLYAI_KEEPER_BUDGET_DISCOVERY: mint("FLYAI_KEEPER_BUDGET_DISCOVERY"),
  FLYAI_KEEPER_STREAMING_WEI_PER_PLAY: z
    .string()
    .regex(/^\d+$/, { error: "FLYAI_KEEPER_STREAMING_WEI_PER_PLAY must be a whole number of wei" })
    .transform(BigInt)
    .default(0n),
  FLYAI_KEEPER_AUCTIONS: flag("FLYAI_KEEPER_AUCTIONS"),
  FLYAI_KEEPER_EPOCHS: flag("FLYAI_KEEPER_EPOCHS"),
  FLYAI_KEEPER_STREAMING: flag("FLYAI_KEEPER_STREAMING"),
  FLYAI_KEEPER_AUCTION_DELAY: integer("FLYAI_KEEPER_AUCTION_DELAY", 0, 30 * 86_400).default(0),
  FLYAI_KEEPER_MAX_BODY: integer("FLYAI_KEEPER_MAX_BODY", 1024, 16 * 1024 * 1024).default(DEFAULTS.maxBodyBytes),
  FLYAI_KEEPER_RATE_LIMIT: integer("FLYAI_KEEPER_RATE_LIMIT", 1, 100_000).default(DEFAULTS.reportsPerMinutePerListener),
  FLYAI_KEEPER_CLIENT_RATE_LIMIT: integer("FLYAI_KEEPER_CLIENT_RATE_LIMIT", 1, 10_000_000).default(
    DEFAULTS.itemsPerMinutePerClient,
  ),
  FLYAI_KEEPER_LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error"], {
      error: (issue) => `FLYAI_KEEPER_LOG_LEVEL must be debug, info, warn or error, not "${String(issue.input)}"`,
    })
    .default("info"),
  FLYAI_KEEPER_LOG: z.enum(["text", "json"], { error: "FLYAI_KEEPER_LOG must be text or json" }).default("text"),
});

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
  const budgetFile = { ...DEFAULTS.budget, ...((file.budget as Record<string, string> | undefined) ?? {}) };
  const budgetOf = (category: keyof EpochBudget) =>
    env[`FLYAI_KEEPER_BUDGET_${category.toUpperCase()}`] ?? String(budgetFile[category]);
  const parsed = settingsSchema.safeParse({
    FLYAI_KEEPER_RPC: get("FLYAI_KEEPER_RPC", "rpc"),
    FLYAI_KEEPER_RPC_FALLBACK: get("FLYAI_KEEPER_RPC_FALLBACK", "rpcFallback")
      ?.split(",")
      .map((u) => u.trim())
      .filter(Boolean),
    FLYAI_KEEPER_KEY: get("FLYAI_KEEPER_KEY", "key"),
    FLYAI_KEEPER_KEYSTORE: get("FLYAI_KEEPER_KEYSTORE", "keystore"),
    FLYAI_KEEPER_KEYSTORE_PASSWORD: env.FLYAI_KEEPER_KEYSTORE_PASSWORD,
    FLYAI_KEEPER_DATA: get("FLYAI_KEEPER_DATA", "dataDir"),
    FLYAI_KEEPER_DB: get("FLYAI_KEEPER_DB", "db"),
    FLYAI_KEEPER_HOST: get("FLYAI_KEEPER_HOST", "host"),
    FLYAI_KEEPER_PORT: get("FLYAI_KEEPER_PORT", "port"),
    FLYAI_KEEPER_CONFIRMATIONS: get("FLYAI_KEEPER_CONFIRMATIONS", "confirmations"),
    FLYAI_KEEPER_POLL_MS: get("FLYAI_KEEPER_POLL_MS", "pollMs"),
    FLYAI_KEEPER_EPOCH_SECONDS: get("FLYAI_KEEPER_EPOCH_SECONDS", "epochSeconds"),
    FLYAI_KEEPER_EPOCH_GENESIS: get("FLYAI_KEEPER_EPOCH_GENESIS", "epochGenesis"),
    FLYAI_KEEPER_EPOCH_GRACE: get("FLYAI_KEEPER_EPOCH_GRACE", "epochGraceSeconds"),
    FLYAI_KEEPER_BUDGET_LISTEN: budgetOf("listen"),
    FLYAI_KEEPER_BUDGET_HOLDER: budgetOf("holder"),
    FLYAI_KEEPER_BUDGET_CREATE: budgetOf("create"),
    FLYAI_KEEPER_BUDGET_ENGAGEMENT: budgetOf("engagement"),
    FLYAI_KEEPER_BUDGET_DISCOVERY: budgetOf("discovery"),
    FLYAI_KEEPER_STREAMING_WEI_PER_PLAY: get("FLYAI_KEEPER_STREAMING_WEI_PER_PLAY", "streamingWeiPerPlay"),
    FLYAI_KEEPER_AUCTIONS: get("FLYAI_KEEPER_AUCTIONS", "auctions"),
    FLYAI_KEEPER_EPOCHS: get("FLYAI_KEEPER_EPOCHS", "epochs"),
    FLYAI_KEEPER_STREAMING: get("FLYAI_KEEPER_STREAMING", "streaming"),
    FLYAI_KEEPER_AUCTION_DELAY: get("FLYAI_KEEPER_AUCTION_DELAY", "auctionStartDelaySeconds"),
    FLYAI_KEEPER_MAX_BODY: get("FLYAI_KEEPER_MAX_BODY", "maxBodyBytes"),
    FLYAI_KEEPER_RATE_LIMIT: get("FLYAI_KEEPER_RATE_LIMIT", "reportsPerMinutePerListener"),
    FLYAI_KEEPER_CLIENT_RATE_LIMIT: get("FLYAI_KEEPER_CLIENT_RATE_LIMIT", "itemsPerMinutePerClient"),
    FLYAI_KEEPER_LOG_LEVEL: get("FLYAI_KEEPER_LOG_LEVEL", "logLevel"),
    FLYAI_KEEPER_LOG: get("FLYAI_KEEPER_LOG", "logFormat"),
  });
  if (!parsed.success) throw new KeeperError(parsed.error.issues[0].message);
  const settings = parsed.data;

  let key: KeeperConfig["key"];
  if (settings.FLYAI_KEEPER_KEY && settings.FLYAI_KEEPER_KEYSTORE) {
    throw new KeeperError("set FLYAI_KEEPER_KEY or FLYAI_KEEPER_KEYSTORE, not both");
  }
  if (settings.FLYAI_KEEPER_KEY) {
    key = { privateKey: settings.FLYAI_KEEPER_KEY };
  } else if (settings.FLYAI_KEEPER_KEYSTORE) {
    const password = settings.FLYAI_KEEPER_KEYSTORE_PASSWORD;
    if (password === undefined) throw new KeeperError("FLYAI_KEEPER_KEYSTORE needs FLYAI_KEEPER_KEYSTORE_PASSWORD");
    key = { keystore: resolve(cwd, settings.FLYAI_KEEPER_KEYSTORE), password };
  }
  const dataDir = resolve(cwd, settings.FLYAI_KEEPER_DATA);

  return {
    rpcUrls: [settings.FLYAI_KEEPER_RPC, ...settings.FLYAI_KEEPER_RPC_FALLBACK],
    key,
    dbPath: resolve(cwd, settings.FLYAI_KEEPER_DB ?? join(dataDir, "keeper.sqlite")),
    dataDir,
    host: settings.FLYAI_KEEPER_HOST,
    port: settings.FLYAI_KEEPER_PORT,
    confirmations: settings.FLYAI_KEEPER_CONFIRMATIONS,
    pollMs: settings.FLYAI_KEEPER_POLL_MS,
    epochSeconds: settings.FLYAI_KEEPER_EPOCH_SECONDS,
    epochGenesis: settings.FLYAI_KEEPER_EPOCH_GENESIS,
    epochGraceSeconds: settings.FLYAI_KEEPER_EPOCH_GRACE,
    budget: {
      listen: settings.FLYAI_KEEPER_BUDGET_LISTEN,
      holder: settings.FLYAI_KEEPER_BUDGET_HOLDER,
      create: settings.FLYAI_KEEPER_BUDGET_CREATE,
      engagement: settings.FLYAI_KEEPER_BUDGET_ENGAGEMENT,
      discovery: settings.FLYAI_KEEPER_BUDGET_DISCOVERY,
    },
    streamingWeiPerPlay: settings.FLYAI_KEEPER_STREAMING_WEI_PER_PLAY,
    jobs: {
      auctions: settings.FLYAI_KEEPER_AUCTIONS,
      epochs: settings.FLYAI_KEEPER_EPOCHS,
      streaming: settings.FLYAI_KEEPER_STREAMING,
    },
    auctionStartDelaySeconds: settings.FLYAI_KEEPER_AUCTION_DELAY,
    plays: {
      maxBodyBytes: settings.FLYAI_KEEPER_MAX_BODY,
      maxPlaysPerReport: DEFAULTS.maxPlaysPerReport,
      reportsPerMinutePerListener: settings.FLYAI_KEEPER_RATE_LIMIT,
      itemsPerMinutePerClient: settings.FLYAI_KEEPER_CLIENT_RATE_LIMIT,
    },
    log: { level: settings.FLYAI_KEEPER_LOG_LEVEL, format: settings.FLYAI_KEEPER_LOG },
  };
}
