// The default store: one SQLite file through node:sqlite (no native addon to build). WAL journal so the API reads
// while a job writes; `synchronous=NORMAL` is durable across process crashes (the case the keeper must survive) and
// loses at most the last transactions on a power cut, which the jobs redo from the chain and their intents.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type {
  Engagement,
  EngagementKind,
  FraudFlag,
  Play,
  QualityIndex,
  RewardCategory,
  RewardLeaf,
} from "../domain.ts";
import { MIGRATIONS } from "./migrations.ts";
import {
  type Checkpoint,
  type EpochComputation,
  type EpochRecord,
  type InsertOutcome,
  type Intent,
  type IntentStatus,
  type KeeperStore,
  StoreError,
  type StoredEngagement,
  type StoredEvent,
  type StoredReport,
} from "./store.ts";

type Row = Record<string, unknown>;

/** Runs the migrations `db` has not run yet; returns how many ran. */
export function migrate(db: DatabaseSync): number {
  const current = Number((db.prepare("PRAGMA user_version").get() as Row).user_version);
  const latest = MIGRATIONS.at(-1)!.version;
  if (current > latest) {
    throw new StoreError(
      `the keeper database is at schema version ${current}, newer than this keeper knows (${latest}): run a newer keeper or point FLYAI_KEEPER_DB at another file`,
    );
  }
  let ran = 0;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec("COMMIT");
      ran++;
    } catch (error) {
      db.exec("ROLLBACK");
      throw new StoreError(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
    }
  }
  return ran;
}

function toEvent(row: Row): StoredEvent {
  return {
    block: Number(row.block),
    logIndex: Number(row.log_index),
    blockHash: String(row.block_hash),
    txHash: String(row.tx_hash),
    blockTime: Number(row.block_time),
    contract: String(row.contract),
    name: String(row.name),
    tokenId: row.token_id === null ? undefined : String(row.token_id),
    args: JSON.parse(String(row.args)),
  };
}

function toEpoch(row: Row): EpochRecord {
  return {
    epoch: Number(row.epoch),
    start: Number(row.start_time),
    end: Number(row.end_time),
    status: row.status as EpochRecord["status"],
    root: (row.root as string | null) ?? undefined,
    total: row.total === null ? undefined : BigInt(String(row.total)),
    accounts: row.accounts === null ? undefined : Number(row.accounts),
    treeFile: (row.tree_file as string | null) ?? undefined,
    summary: row.summary === null ? undefined : JSON.parse(String(row.summary)),
    updatedAt: Number(row.updated_at),
  };
}

function toIntent(row: Row): Intent {
  return {
    key: String(row.key),
    kind: String(row.kind),
    sender: String(row.sender),
    nonce: Number(row.nonce),
    raw: String(row.raw),
    hash: String(row.hash),
    status: row.status as IntentStatus,
    detail: (row.detail as string | null) ?? undefined,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    block: row.block === null ? undefined : Number(row.block),
  };
}

export interface SqliteStoreOptions {
  /** Path of the database file, or ":memory:". */
  path: string;
}

export class SqliteStore implements KeeperStore {
  readonly db: DatabaseSync;
  readonly path: string;
  readonly #statements = new Map<string, StatementSync>();

  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
    this.db = new DatabaseSync(options.path);
    // a 64 MiB page cache and rarer checkpoints: bulk play inserts land on random index pages (digest keys)
    this.#checkIntegrity();
    this.db.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16000;",
    );
    migrate(this.db);
  }

  /**
   * A damaged file is refused at start, with what to do: a keeper that found a corrupt page only when a query hit it
   * kept running half-alive (/health 200, /v1/status 500). `quick_check` reads every page once (about a second per
   * few hundred MB), not the indexes' consistency.
   */
  #checkIntegrity(): void {
    let problems: string[];
    try {
      problems = (this.db.prepare("PRAGMA quick_check(5)").all() as { quick_check: string }[]).map(
        (r) => r.quick_check,
      );
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length === 1 && problems[0] === "ok") return;
    this.db.close();
    throw new StoreError(
      `the keeper database ${this.path} is damaged (${problems
        .join("; ")
        .replace(/\s*\n\s*/g, "; ")
        .slice(0, 300)}): restore it from a backup, or move it ` +
        "aside and start with a new one (FLYAI_KEEPER_DB); chain events are read again from the chain, signed reports " +
        "of epochs not yet closed are lost with it",
    );
  }

  /** Prepared once, reused: preparing is a large part of a small query's cost. */
  #sql(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` in one IMMEDIATE transaction (the write lock taken up front, so it cannot fail half-way on busy). */
  transaction<T>(work: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  // --- chain

  async cursor(name: string): Promise<Checkpoint | undefined> {
    const row = this.#sql("SELECT block, hash FROM cursors WHERE name = ?").get(name) as Row | undefined;
    return row ? { number: Number(row.block), hash: String(row.hash) } : undefined;
  }

  async applyRange(name: string, to: Checkpoint, events: StoredEvent[], checkpoints: Checkpoint[]): Promise<void> {
    const insertEvent = this.#sql(
      `INSERT OR REPLACE INTO chain_events (block, log_index, block_hash, tx_hash, block_time, contract, name, token_id, args)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCheckpoint = this.#sql("INSERT OR REPLACE INTO checkpoints (number, hash) VALUES (?, ?)");
    this.transaction(() => {
      for (const e of events) {
        insertEvent.run(
          e.block,
          e.logIndex,
          e.blockHash,
          e.txHash,
          e.blockTime,
          e.contract,
          e.name,
          e.tokenId ?? null,
          JSON.stringify(e.args),
        );
      }
      for (const c of checkpoints) insertCheckpoint.run(c.number, c.hash);
      insertCheckpoint.run(to.number, to.hash);
      this.#sql("INSERT OR REPLACE INTO cursors (name, block, hash) VALUES (?, ?, ?)").run(name, to.number, to.hash);
    });
  }

  async rollbackTo(name: string, to: Checkpoint): Promise<{ eventsRemoved: number }> {
    return this.transaction(() => {
      const removed = this.#sql("DELETE FROM chain_events WHERE block > ?").run(to.number);
      this.#sql("DELETE FROM checkpoints WHERE number > ?").run(to.number);
      this.#sql("INSERT OR REPLACE INTO cursors (name, block, hash) VALUES (?, ?, ?)").run(name, to.number, to.hash);
      return { eventsRemoved: Number(removed.changes) };
    });
  }

  async checkpointsBelow(block: number, limit: number): Promise<Checkpoint[]> {
    const rows = this.#sql("SELECT number, hash FROM checkpoints WHERE number <= ? ORDER BY number DESC LIMIT ?").all(
      block,
      limit,
    ) as Row[];
    return rows.map((r) => ({ number: Number(r.number), hash: String(r.hash) }));
  }

  async pruneCheckpoints(keep: number): Promise<void> {
    this.#sql(
      "DELETE FROM checkpoints WHERE number < (SELECT number FROM checkpoints ORDER BY number DESC LIMIT 1 OFFSET ?)",
    ).run(keep - 1);
  }

  async events(filter: { names?: string[]; tokenId?: string; fromBlock?: number }): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.names?.length) {
      where.push(`name IN (${filter.names.map(() => "?").join(",")})`);
      params.push(...filter.names);
    }
    if (filter.tokenId !== undefined) {
      where.push("token_id = ?");
      params.push(filter.tokenId);
    }
    if (filter.fromBlock !== undefined) {
      where.push("block >= ?");
      params.push(filter.fromBlock);
    }
    const sql = `SELECT * FROM chain_events ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY block, log_index`;
    return (this.db.prepare(sql).all(...params) as Row[]).map(toEvent);
  }

  async eventCount(): Promise<number> {
    return Number((this.#sql("SELECT count(*) AS n FROM chain_events").get() as Row).n);
  }

  // --- plays and engagement

  async insertReports(reports: StoredReport[]): Promise<InsertOutcome[]> {
    const insertReport = this.#sql(
      "INSERT OR IGNORE INTO reports (digest, listener, nonce, signed_at, received_at) VALUES (?, ?, ?, ?, ?)",
    );
    const insertPlay = this.#sql(
      "INSERT INTO plays (report_digest, idx, listener, track_id, started_at, played_seconds) VALUES (?, ?, ?, ?, ?, ?)",
    );
    return this.transaction(() =>
      reports.map((report) => {
        const result = insertReport.run(
          report.digest,
          report.listener,
          report.nonce,
          report.signedAt,
          report.receivedAt,
        );
        if (Number(result.changes) === 0) return "duplicate";
        report.plays.forEach((play, idx) =>
          insertPlay.run(report.digest, idx, report.listener, play.trackId, play.startedAt, play.playedSeconds),
        );
        return "stored";
      }),
    );
  }

  async insertEngagements(items: StoredEngagement[]): Promise<InsertOutcome[]> {
    const insert = this.#sql(
      `INSERT OR IGNORE INTO engagements (digest, account, nonce, kind, track_id, at, ref, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.transaction(() =>
      items.map((e) =>
        Number(insert.run(e.digest, e.account, e.nonce, e.kind, e.trackId, e.at, e.ref, e.receivedAt).changes) === 0
          ? "duplicate"
          : "stored",
      ),
    );
  }

  async playsBetween(start: number, end: number): Promise<Play[]> {
    // rows as arrays and track ids interned: an epoch can hold millions of plays of a few thousand tracks
    const statement = this.#sql(
      `SELECT listener, track_id, started_at, played_seconds FROM plays
       WHERE started_at >= ? AND started_at < ? ORDER BY listener, started_at`,
    );
    statement.setReturnArrays(true);
    const tracks = new Map<string, string>();
    const plays: Play[] = [];
    try {
      // iterated, not all(): the rows and the plays are never both in memory
      for (const row of statement.iterate(start, end) as unknown as Iterable<[string, string, number, number]>) {
        let track = tracks.get(row[1]);
        if (track === undefined) tracks.set(row[1], (track = row[1]));
        plays.push({ listener: row[0], trackId: track, startedAt: row[2], playedSeconds: row[3] });
      }
    } finally {
      statement.setReturnArrays(false);
    }
    return plays;
  }

  async engagementsBetween(start: number, end: number): Promise<Engagement[]> {
    const rows = this.#sql(
      "SELECT account, kind, track_id, at, ref FROM engagements WHERE at >= ? AND at < ? ORDER BY at, digest",
    ).all(start, end) as Row[];
    return rows.map((r) => ({
      account: String(r.account),
      kind: r.kind as EngagementKind,
      trackId: String(r.track_id),
      at: Number(r.at),
      ref: String(r.ref),
    }));
  }

  async playCount(): Promise<number> {
    return Number((this.#sql("SELECT count(*) AS n FROM plays").get() as Row).n);
  }

  async playStats(start: number, end: number): Promise<Map<string, { plays: number; listeners: number }>> {
    const rows = this.#sql(
      `SELECT track_id, count(*) AS plays, count(DISTINCT listener) AS listeners FROM plays
       WHERE started_at >= ? AND started_at < ? GROUP BY track_id`,
    ).all(start, end) as Row[];
    return new Map(rows.map((r) => [String(r.track_id), { plays: Number(r.plays), listeners: Number(r.listeners) }]));
  }

  async saveCounts(start: number, end: number): Promise<Map<string, number>> {
    const rows = this.#sql(
      `SELECT track_id, count(DISTINCT account) AS n FROM engagements
       WHERE kind = 'save' AND at >= ? AND at < ? GROUP BY track_id`,
    ).all(start, end) as Row[];
    return new Map(rows.map((r) => [String(r.track_id), Number(r.n)]));
  }

  // --- epochs

  async epoch(epoch: number): Promise<EpochRecord | undefined> {
    const row = this.#sql("SELECT * FROM epochs WHERE epoch = ?").get(epoch) as Row | undefined;
    return row ? toEpoch(row) : undefined;
  }

  async epochs(limit = 1000): Promise<EpochRecord[]> {
    return (this.#sql("SELECT * FROM epochs ORDER BY epoch DESC LIMIT ?").all(limit) as Row[]).map(toEpoch);
  }

  async recordEpoch(c: EpochComputation): Promise<void> {
    this.transaction(() => {
      if (this.#sql("SELECT 1 FROM epochs WHERE epoch = ?").get(c.epoch)) {
        throw new StoreError(`epoch ${c.epoch} is already recorded: its rewards were added to the balances once`);
      }
      this.#sql(
        "INSERT INTO epochs (epoch, start_time, end_time, status, summary, updated_at) VALUES (?, ?, ?, 'computed', ?, ?)",
      ).run(c.epoch, c.start, c.end, JSON.stringify(c.summary, bigintReplacer), c.at);
      const insertReward = this.#sql(
        "INSERT INTO epoch_rewards (epoch, account, category, amount) VALUES (?, ?, ?, ?)",
      );
      const readBalance = this.#sql("SELECT cumulative FROM balances WHERE account = ?");
      const writeBalance = this.#sql("INSERT OR REPLACE INTO balances (account, cumulative, epoch) VALUES (?, ?, ?)");
      // many accounts: one scan of the balances beats a lookup per account (1M lookups cost seconds)
      const known = c.rewards.size > 10_000 ? new Map<string, string>() : undefined;
      if (known) {
        const scan = this.#sql("SELECT account, cumulative FROM balances");
        scan.setReturnArrays(true);
        for (const [account, cumulative] of scan.all() as unknown as [string, string][]) known.set(account, cumulative);
        scan.setReturnArrays(false);
      }
      for (const [account, categories] of c.rewards) {
        let added = 0n;
        for (const [category, amount] of Object.entries(categories) as [RewardCategory, bigint][]) {
          if (!amount || amount <= 0n) continue;
          insertReward.run(c.epoch, account, category, amount.toString());
          added += amount;
        }
        if (added === 0n) continue;
        const previous = known ? known.get(account) : (readBalance.get(account) as Row | undefined)?.cumulative;
        const before = previous === undefined ? 0n : BigInt(String(previous));
        writeBalance.run(account, (before + added).toString(), c.epoch);
      }
      const insertFlag = this.#sql(
        "INSERT INTO fraud_flags (epoch, account, filter, reason, plays_removed) VALUES (?, ?, ?, ?, ?)",
      );
      for (const f of c.flags) insertFlag.run(c.epoch, f.account, f.filter, f.reason, f.playsRemoved);
      const insertQuality = this.#sql(
        "INSERT OR REPLACE INTO quality (epoch, kind, subject, score, detail) VALUES (?, ?, ?, ?, ?)",
      );
      for (const q of c.quality) {
        insertQuality.run(c.epoch, q.kind, q.subject, q.index.score, JSON.stringify(q.index));
      }
    });
  }

  async updateEpoch(epoch: number, patch: Partial<Omit<EpochRecord, "epoch">>): Promise<void> {
    const columns: Record<string, unknown> = {
      status: patch.status,
      root: patch.root,
      total: patch.total?.toString(),
      accounts: patch.accounts,
      tree_file: patch.treeFile,
      summary: patch.summary === undefined ? undefined : JSON.stringify(patch.summary, bigintReplacer),
      updated_at: patch.updatedAt,
    };
    const set = Object.entries(columns).filter(([, v]) => v !== undefined);
    if (set.length === 0) return;
    const result = this.db
      .prepare(`UPDATE epochs SET ${set.map(([k]) => `${k} = ?`).join(", ")} WHERE epoch = ?`)
      .run(...(set.map(([, v]) => v) as (string | number)[]), epoch);
    if (Number(result.changes) === 0) throw new StoreError(`epoch ${epoch} is not recorded`);
  }

  async balances(): Promise<RewardLeaf[]> {
    const statement = this.#sql("SELECT account, cumulative FROM balances ORDER BY account");
    statement.setReturnArrays(true);
    const leaves: RewardLeaf[] = [];
    try {
      for (const [account, cumulative] of statement.iterate() as unknown as Iterable<[string, string]>) {
        leaves.push({ account, cumulative: BigInt(cumulative) });
      }
    } finally {
      statement.setReturnArrays(false);
    }
    return leaves;
  }

  async balanceOf(account: string): Promise<{ cumulative: bigint; epoch: number } | undefined> {
    const row = this.#sql("SELECT cumulative, epoch FROM balances WHERE account = ?").get(account.toLowerCase()) as
      Row | undefined;
    return row ? { cumulative: BigInt(String(row.cumulative)), epoch: Number(row.epoch) } : undefined;
  }

  async epochRewardsOf(account: string): Promise<{ epoch: number; category: RewardCategory; amount: bigint }[]> {
    const rows = this.#sql(
      "SELECT epoch, category, amount FROM epoch_rewards WHERE account = ? ORDER BY epoch, category",
    ).all(account.toLowerCase()) as Row[];
    return rows.map((r) => ({
      epoch: Number(r.epoch),
      category: r.category as RewardCategory,
      amount: BigInt(String(r.amount)),
    }));
  }

  async flags(epoch: number): Promise<FraudFlag[]> {
    const rows = this.#sql(
      "SELECT account, filter, reason, plays_removed FROM fraud_flags WHERE epoch = ? ORDER BY rowid",
    ).all(epoch) as Row[];
    return rows.map((r) => ({
      account: String(r.account),
      filter: String(r.filter),
      reason: String(r.reason),
      playsRemoved: Number(r.plays_removed),
    }));
  }

  async quality(
    kind: "track" | "creator",
    subject: string,
  ): Promise<{ epoch: number; index: QualityIndex } | undefined> {
    const row = this.#sql(
      "SELECT epoch, detail FROM quality WHERE kind = ? AND subject = ? ORDER BY epoch DESC LIMIT 1",
    ).get(kind, subject.toLowerCase()) as Row | undefined;
    return row ? { epoch: Number(row.epoch), index: JSON.parse(String(row.detail)) } : undefined;
  }

  async reputations(): Promise<Map<string, number>> {
    const rows = this.#sql(
      `SELECT q.subject, q.score FROM quality q
       JOIN (SELECT subject, max(epoch) AS epoch FROM quality WHERE kind = 'creator' GROUP BY subject) latest
         ON latest.subject = q.subject AND latest.epoch = q.epoch
       WHERE q.kind = 'creator'`,
    ).all() as Row[];
    return new Map(rows.map((r) => [String(r.subject), Number(r.score)]));
  }

  // --- transactions

  async intent(key: string): Promise<Intent | undefined> {
    const row = this.#sql("SELECT * FROM intents WHERE key = ?").get(key) as Row | undefined;
    return row ? toIntent(row) : undefined;
  }

  async saveIntent(i: Intent): Promise<void> {
    this.transaction(() => {
      this.#sql("DELETE FROM intents WHERE key = ?").run(i.key);
      this.#sql(
        `INSERT INTO intents (key, kind, sender, nonce, raw, hash, status, detail, created_at, updated_at, block)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        i.key,
        i.kind,
        i.sender.toLowerCase(),
        i.nonce,
        i.raw,
        i.hash,
        i.status,
        i.detail ?? null,
        i.createdAt,
        i.updatedAt,
        i.block ?? null,
      );
    });
  }

  async updateIntent(
    key: string,
    patch: Partial<Pick<Intent, "status" | "detail" | "block" | "updatedAt">>,
  ): Promise<void> {
    const set = Object.entries({
      status: patch.status,
      detail: patch.detail,
      block: patch.block,
      updated_at: patch.updatedAt,
    }).filter(([, v]) => v !== undefined);
    if (set.length === 0) return;
    this.db
      .prepare(`UPDATE intents SET ${set.map(([k]) => `${k} = ?`).join(", ")} WHERE key = ?`)
      .run(...(set.map(([, v]) => v) as (string | number)[]), key);
  }

  async intents(filter: { status?: IntentStatus[]; limit?: number }): Promise<Intent[]> {
    const where = filter.status?.length ? `WHERE status IN (${filter.status.map(() => "?").join(",")})` : "";
    const rows = this.db
      .prepare(`SELECT * FROM intents ${where} ORDER BY created_at DESC, nonce DESC LIMIT ?`)
      .all(...(filter.status ?? []), filter.limit ?? 100) as Row[];
    return rows.map(toIntent);
  }

  async highestNonce(sender: string): Promise<number | undefined> {
    const row = this.#sql("SELECT max(nonce) AS n FROM intents WHERE sender = ?").get(sender.toLowerCase()) as Row;
    return row.n === null ? undefined : Number(row.n);
  }

  async meta(key: string): Promise<string | undefined> {
    const row = this.#sql("SELECT value FROM meta WHERE key = ?").get(key) as Row | undefined;
    return row ? String(row.value) : undefined;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.#sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, value);
  }

  async close(): Promise<void> {
    this.#statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}

export function openSqliteStore(path: string): SqliteStore {
  return new SqliteStore({ path });
}
