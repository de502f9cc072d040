// The store's schema, as an ordered list of migrations. A migration never changes once released: a later change
// is a new entry. `user_version` records how many ran; each runs in its own transaction with that bump.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "chain cursor, events, checkpoints",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- where the watcher has read up to (inclusive), per stream
      CREATE TABLE cursors (name TEXT PRIMARY KEY, block INTEGER NOT NULL, hash TEXT NOT NULL);
      -- hashes of blocks the watcher has read, to find the common ancestor after a reorg
      CREATE TABLE checkpoints (number INTEGER PRIMARY KEY, hash TEXT NOT NULL);
      -- every suite event the watcher accepted; read models are queries over it, so a rollback is one DELETE
      CREATE TABLE chain_events (
        block INTEGER NOT NULL,
        log_index INTEGER NOT NULL,
        block_hash TEXT NOT NULL,
        tx_hash TEXT NOT NULL,
        block_time INTEGER NOT NULL,
        contract TEXT NOT NULL,
        name TEXT NOT NULL,
        token_id TEXT,
        args TEXT NOT NULL,
        PRIMARY KEY (block, log_index)
      );
      CREATE INDEX chain_events_name ON chain_events (name, block);
      CREATE INDEX chain_events_token ON chain_events (token_id, block);
    `,
  },
  {
    version: 2,
    name: "listening reports, plays, engagement",
    sql: `
      CREATE TABLE reports (
        digest TEXT PRIMARY KEY,
        listener TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        signed_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (listener, nonce)
      );
      CREATE TABLE plays (
        report_digest TEXT NOT NULL,
        idx INTEGER NOT NULL,
        listener TEXT NOT NULL,
        track_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        played_seconds INTEGER NOT NULL,
        PRIMARY KEY (report_digest, idx)
      );
      CREATE INDEX plays_started ON plays (started_at);
      CREATE TABLE engagements (
        digest TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        kind TEXT NOT NULL,
        track_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        ref TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (account, nonce)
      );
      CREATE INDEX engagements_at ON engagements (at);
    `,
  },
  {
    version: 3,
    name: "epochs, rewards, cumulative balances, quality",
    sql: `
      -- status: computed -> tree -> posted -> live (or vetoed); each step is idempotent
      CREATE TABLE epochs (
        epoch INTEGER PRIMARY KEY,
        start_time INTEGER NOT NULL,
        end_time INTEGER NOT NULL,
        status TEXT NOT NULL,
        root TEXT,
        total TEXT,
        accounts INTEGER,
        tree_file TEXT,
        summary TEXT,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE epoch_rewards (
        epoch INTEGER NOT NULL,
        account TEXT NOT NULL,
        category TEXT NOT NULL,
        amount TEXT NOT NULL,
        PRIMARY KEY (epoch, account, category)
      );
      -- what each account has earned since the start, as of epoch (the tree's leaves)
      CREATE TABLE balances (account TEXT PRIMARY KEY, cumulative TEXT NOT NULL, epoch INTEGER NOT NULL);
      CREATE TABLE fraud_flags (
        epoch INTEGER NOT NULL,
        account TEXT NOT NULL,
        filter TEXT NOT NULL,
        reason TEXT NOT NULL,
        plays_removed INTEGER NOT NULL
      );
      CREATE INDEX fraud_flags_epoch ON fraud_flags (epoch);
      CREATE TABLE quality (
        epoch INTEGER NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        score REAL NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (epoch, kind, subject)
      );
    `,
  },
  {
    version: 4,
    name: "transaction intents",
    sql: `
      -- a transaction the keeper decided to send, recorded (signed) before it is broadcast: after a crash the same
      -- signed bytes are re-broadcast, never a second transaction for the same purpose
      CREATE TABLE intents (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        sender TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        raw TEXT NOT NULL,
        hash TEXT NOT NULL,
        status TEXT NOT NULL,
        detail TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        block INTEGER
      );
      CREATE UNIQUE INDEX intents_nonce ON intents (sender, nonce);
      CREATE INDEX intents_status ON intents (status);
    `,
  },
];
