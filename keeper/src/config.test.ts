import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEther } from "ethers";
import { loadConfig } from "./config.ts";
import { KeeperError } from "./errors.ts";

describe("loadConfig", () => {
  it("has defaults for everything", () => {
    const config = loadConfig({}, "/srv");
    assert.deepEqual(config.rpcUrls, ["http://127.0.0.1:8545"]);
    assert.equal(config.dbPath, "/srv/.keeper/keeper.sqlite");
    assert.equal(config.port, 8600);
    assert.equal(config.epochGenesis, undefined);
    assert.equal(config.budget.listen, parseEther("40000"));
    assert.equal(config.streamingWeiPerPlay, 0n);
    assert.deepEqual(config.jobs, { auctions: true, epochs: true, streaming: true });
    assert.deepEqual(config.log, { level: "info", format: "text" });
    assert.equal(config.key, undefined);
  });

  it("reads the environment", () => {
    const config = loadConfig(
      {
        FLYAI_KEEPER_RPC: "https://a.example",
        FLYAI_KEEPER_RPC_FALLBACK: "https://b.example, wss://c.example",
        FLYAI_KEEPER_KEY: "11".repeat(32),
        FLYAI_KEEPER_PORT: "0",
        FLYAI_KEEPER_EPOCH_GENESIS: "1700000000",
        FLYAI_KEEPER_BUDGET_LISTEN: "1.5",
        FLYAI_KEEPER_STREAMING_WEI_PER_PLAY: "1000",
        FLYAI_KEEPER_AUCTIONS: "off",
        FLYAI_KEEPER_LOG: "json",
      },
      "/srv",
    );
    assert.deepEqual(config.rpcUrls, ["https://a.example", "https://b.example", "wss://c.example"]);
    assert.deepEqual(config.key, { privateKey: "0x" + "11".repeat(32) });
    assert.equal(config.port, 0);
    assert.equal(config.epochGenesis, 1_700_000_000);
    assert.equal(config.budget.listen, parseEther("1.5"));
    assert.equal(config.streamingWeiPerPlay, 1000n);
    assert.equal(config.jobs.auctions, false);
    assert.equal(config.log.format, "json");
  });

  it("refuses a bad value with a message naming its variable", () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ FLYAI_KEEPER_PORT: "70000" }, /^FLYAI_KEEPER_PORT must be a whole number in \[0, 65535\], not "70000"$/],
      [{ FLYAI_KEEPER_POLL_MS: "fast" }, /^FLYAI_KEEPER_POLL_MS must be a whole number in \[50, 600000\], not "fast"$/],
      [{ FLYAI_KEEPER_EPOCHS: "maybe" }, /^FLYAI_KEEPER_EPOCHS must be true or false, not "maybe"$/],
      [{ FLYAI_KEEPER_BUDGET_HOLDER: "-1" }, /^FLYAI_KEEPER_BUDGET_HOLDER must be an amount of MINT, not "-1"$/],
      [
        { FLYAI_KEEPER_RPC: "localhost:8545" },
        /^RPC url "localhost:8545" must start with http\(s\):\/\/ or ws\(s\):\/\/$/,
      ],
      [{ FLYAI_KEEPER_KEY: "0x12" }, /^FLYAI_KEEPER_KEY must be a 32-byte hex key$/],
      [{ FLYAI_KEEPER_KEY: "11".repeat(32), FLYAI_KEEPER_KEYSTORE: "k.json" }, /not both/],
      [{ FLYAI_KEEPER_KEYSTORE: "k.json" }, /FLYAI_KEEPER_KEYSTORE needs FLYAI_KEEPER_KEYSTORE_PASSWORD/],
      [
        { FLYAI_KEEPER_STREAMING_WEI_PER_PLAY: "0.5" },
        /FLYAI_KEEPER_STREAMING_WEI_PER_PLAY must be a whole number of wei/,
      ],
      [{ FLYAI_KEEPER_LOG_LEVEL: "loud" }, /FLYAI_KEEPER_LOG_LEVEL must be debug, info, warn or error, not "loud"/],
      [{ FLYAI_KEEPER_LOG: "xml" }, /^FLYAI_KEEPER_LOG must be text or json$/],
      [
        { FLYAI_KEEPER_CONFIG: "/nonexistent.json" },
        /FLYAI_KEEPER_CONFIG=\/nonexistent.json is not a readable JSON file/,
      ],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => loadConfig(env, "/srv"),
        (error: unknown) => error instanceof KeeperError && message.test(error.message),
        JSON.stringify(env),
      );
    }
  });
});
