// What the keeper keeps, behind one interface: the SQLite adapter (sqlite.ts) is the default, and a Postgres adapter
// can implement the same methods (every method is async and is one transaction, so none leans on SQLite's
// synchronous API). Each write is atomic: a crash leaves the state before or after it, never between.
import type { Engagement, FraudFlag, Play, QualityIndex, RewardCategory, RewardLeaf } from "../domain.ts";
import { KeeperError } from "../errors.ts";

/** A decoded suite event, as the watcher stores it. */
export interface StoredEvent {
  block: number;
  logIndex: number;
  blockHash: string;
  txHash: string;
  blockTime: number;
  /** The deployment's name of the emitting contract ("DutchAuction"). */
  contract: string;
  name: string;
  /** The event's `tokenId` argument when it has one (decimal). */
  tokenId?: string;
  /** Decoded arguments by name; bigints as decimal strings, addresses lower-case. */
  args: Record<string, string | boolean | string[]>;
}

export interface Checkpoint {
  number: number;
  hash: string;
}

/** One signed listening report after validation. */
export interface StoredReport {
  digest: string;
  listener: string;
  nonce: number;
  signedAt: number;
  receivedAt: number;
  plays: Omit<Play, "reportDigest">[];
}

export interface StoredEngagement extends Engagement {
  digest: string;
  nonce: number;
  receivedAt: number;
}

export type InsertOutcome = "stored" | "duplicate";

/** computed -> tree -> posted -> live (or vetoed); "superseded": a later epoch's root carries its rewards. */
export type EpochStatus = "computed" | "tree" | "posted" | "live" | "vetoed" | "superseded";

export interface EpochRecord {
  epoch: number;
  start: number;
  end: number;
  status: EpochStatus;
  root?: string;
  total?: bigint;
  accounts?: number;
  treeFile?: string;
  /** What the close computed, for `keeper status` and the API (per-category totals, flags, counts). */
  summary?: Record<string, unknown>;
  updatedAt: number;
}

/** Everything closing an epoch writes at once. */
export interface EpochComputation {
  epoch: number;
  start: number;
  end: number;
  /** Per account, per category (MINT wei); the model's map as it is (an epoch can pay a million accounts). */
  rewards: ReadonlyMap<string, Partial<Record<RewardCategory, bigint>>>;
  flags: FraudFlag[];
  quality: { kind: "track" | "creator"; subject: string; index: QualityIndex }[];
  summary: Record<string, unknown>;
  at: number;
}

/** signed: recorded, maybe broadcast; sent: broadcast; mined / reverted: final; dropped: its nonce went to another
 * transaction, so it can never be mined (the job signs the work again). */
export type IntentStatus = "signed" | "sent" | "mined" | "reverted" | "dropped";

export interface Intent {
  key: string;
  kind: string;
  sender: string;
  nonce: number;
  raw: string;
  hash: string;
  status: IntentStatus;
  detail?: string;
  createdAt: number;
  updatedAt: number;
  block?: number;
}

export interface KeeperStore {
  // --- chain
  cursor(name: string): Promise<Checkpoint | undefined>;
  /** Stores the events of blocks (cursor, to], the checkpoints seen, and moves the cursor to `to`: one transaction. */
  applyRange(name: string, to: Checkpoint, events: StoredEvent[], checkpoints: Checkpoint[]): Promise<void>;
  /** Forgets every event and checkpoint above `block` and puts the cursor there: one transaction. */
  rollbackTo(name: string, to: Checkpoint): Promise<{ eventsRemoved: number }>;
  /** Checkpoints at or below `block`, newest first. */
  checkpointsBelow(block: number, limit: number): Promise<Checkpoint[]>;
  /** Keeps the newest `keep` checkpoints and forgets older ones (deeper than any reorg we handle). */
  pruneCheckpoints(keep: number): Promise<void>;
  events(filter: { names?: string[]; tokenId?: string; fromBlock?: number }): Promise<StoredEvent[]>;
  eventCount(): Promise<number>;

  // --- plays and engagement
  /** Stores each report with its plays unless its digest or (listener, nonce) is already stored: one transaction. */
  insertReports(reports: StoredReport[]): Promise<InsertOutcome[]>;
  insertEngagements(items: StoredEngagement[]): Promise<InsertOutcome[]>;
  playsBetween(start: number, end: number): Promise<Play[]>;
  engagementsBetween(start: number, end: number): Promise<Engagement[]>;
  playCount(): Promise<number>;
  /** Plays and unique listeners per track in [start, end) (pricing's demand signals). */
  playStats(start: number, end: number): Promise<Map<string, { plays: number; listeners: number }>>;
  /** Saves per track in [start, end). */
  saveCounts(start: number, end: number): Promise<Map<string, number>>;

  // --- epochs
  epoch(epoch: number): Promise<EpochRecord | undefined>;
  epochs(limit?: number): Promise<EpochRecord[]>;
  /** Writes an epoch's rewards, flags and quality, adds the rewards to the cumulative balances, status "computed":
   * one transaction, refused if the epoch is already recorded (so a balance is never added twice). */
  recordEpoch(computation: EpochComputation): Promise<void>;
  updateEpoch(epoch: number, patch: Partial<Omit<EpochRecord, "epoch">>): Promise<void>;
  balances(): Promise<RewardLeaf[]>;
  balanceOf(account: string): Promise<{ cumulative: bigint; epoch: number } | undefined>;
  epochRewardsOf(account: string): Promise<{ epoch: number; category: RewardCategory; amount: bigint }[]>;
  flags(epoch: number): Promise<FraudFlag[]>;
  quality(kind: "track" | "creator", subject: string): Promise<{ epoch: number; index: QualityIndex } | undefined>;
  /** Creator reputation scores of the latest epoch that computed them. */
  reputations(): Promise<Map<string, number>>;

  // --- transactions
  intent(key: string): Promise<Intent | undefined>;
  /** Records a signed transaction before it is broadcast; replaces the row of the same key (a re-sign). */
  saveIntent(intent: Intent): Promise<void>;
  updateIntent(key: string, patch: Partial<Pick<Intent, "status" | "detail" | "block" | "updatedAt">>): Promise<void>;
  intents(filter: { status?: IntentStatus[]; limit?: number }): Promise<Intent[]>;
  highestNonce(sender: string): Promise<number | undefined>;

  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends KeeperError {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}
