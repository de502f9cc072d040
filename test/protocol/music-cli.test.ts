// The music CLI driven in-process against the real suite deploy: a creator mints from an audio file and a metadata
// file, lists, a collector buys naming a curator, an auction runs and is bid on, earnings are withdrawn; bad input
// gives one-line errors (exit code 2) and no stack trace.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { MusicNFT__factory, RoyaltySplitter__factory } from "@flyaimusic/bindings";
import { hexlify, randomBytes } from "ethers";
import { cidToString, parseCid, sha256Hex } from "@flyaimusic/protocol/cli/cid.ts";
import { MUSIC_PROGRAM } from "@flyaimusic/protocol/cli/music.ts";
import { assertUserError, cliRunner } from "../cli-harness.ts";
import { deployFixture, type Signer, type Suite } from "../fixtures.ts";

describe("music CLI", () => {
  let suite: Suite;
  let dir: string;
  let creator: Signer;
  let collector: Signer;
  let curator: Signer;

  // the local metadata store the CLI keeps minted tracks' metadata in (the devnet's is <devnet dir>/metadata)
  const { run: music, ok } = cliRunner(
    () => suite,
    MUSIC_PROGRAM,
    () => ({ FLYAI_METADATA_DIR: join(dir, "store") }),
  );

  before(async () => {
    suite = await deployFixture();
    [creator, collector, curator] = suite.others.slice(4, 7);
    dir = mkdtempSync(join(tmpdir(), "flyai-music-cli-"));
    writeFileSync(join(dir, "night-drive.wav"), "RIFF....WAVE night drive stand-in audio");
    writeFileSync(join(dir, "night-drive.json"), JSON.stringify({ name: "Night Drive", artist: "nova" }));
    writeFileSync(join(dir, "glass-rain.wav"), "RIFF....WAVE glass rain stand-in audio");
  });

  it("renders and parses CIDv1 text both ways (the known CID of empty dag-pb data)", () => {
    const digest = sha256Hex(new Uint8Array());
    const cid = "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    assert.equal(cidToString(0x70, digest), cid);
    assert.deepEqual(parseCid(`ipfs://${cid}`), { codec: 0x70, digest });
  });

  it("mints from the audio file's sha-256 and the metadata file's CID, and refuses the same audio twice", async () => {
    const audio = join(dir, "night-drive.wav");
    const out = await ok(creator, ["mint", "--audio", audio, "--metadata", join(dir, "night-drive.json")]);
    const id = sha256Hex(new TextEncoder().encode("RIFF....WAVE night drive stand-in audio"));
    assert.match(out, new RegExp(`track id\\s+${id}`));
    const nft = MusicNFT__factory.connect(suite.deployment.contracts.MusicNFT.address, suite.deployer);
    assert.equal(await nft.ownerOf(id), creator.address);
    const metadataDigest = sha256Hex(new TextEncoder().encode(JSON.stringify({ name: "Night Drive", artist: "nova" })));
    assert.equal(await nft.tokenURI(id), `ipfs://${cidToString(0x55, metadataDigest)}`);

    const again = await music(collector, ["mint", "--audio", audio, "--metadata", join(dir, "night-drive.json")]);
    assertUserError(again, new RegExp(`this audio is already registered as track ${id}`));
    assert.match(await ok(undefined, ["tracks"]), /basic {2}by 0x/);
  });

  it("registers by commit–reveal, resumes a commitment by its salt, and warns when asked to go unprotected", async () => {
    const cid = cidToString(0x70, sha256Hex(new Uint8Array([2])));
    const file = (name: string) => {
      writeFileSync(join(dir, name), `RIFF....WAVE ${name} stand-in audio`);
      return join(dir, name);
    };
    const nft = MusicNFT__factory.connect(suite.deployment.contracts.MusicNFT.address, creator);

    const protectedRun = await music(creator, ["mint", "--audio", file("moth.wav"), "--metadata-cid", cid]);
    assert.equal(protectedRun.code, 0, protectedRun.stderr);
    assert.match(protectedRun.stdout, /registration\s+commit–reveal \(commitment 0x[0-9a-f]{64}, revealed after 3 s\)/);
    assert.match(protectedRun.stderr, /committing to the track without showing it \(salt 0x[0-9a-f]{64}/);

    // a commitment made earlier (another machine, a crashed run) is revealed with its salt, not committed again
    const audio = file("lantern.wav");
    const salt = hexlify(randomBytes(32));
    const id = sha256Hex(new TextEncoder().encode("RIFF....WAVE lantern.wav stand-in audio"));
    await (await nft.commitRegistration(await nft.registrationCommitment(id, creator.address, salt))).wait();
    const resumed = await music(creator, ["mint", "--audio", audio, "--metadata-cid", cid, "--salt", salt]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.doesNotMatch(resumed.stderr, /committing/);
    assert.equal((await nft.trackOf(id)).registrant, creator.address);

    const oneTx = await music(creator, ["mint", "--audio", file("ember.wav"), "--metadata-cid", cid, "--unprotected"]);
    assert.equal(oneTx.code, 0, oneTx.stderr);
    assert.match(oneTx.stderr, /warning: --unprotected: .* a copier who submits it first becomes the registrant/);
    assert.match(oneTx.stdout, /registration\s+one transaction \(unprotected\)/);
    assertUserError(
      await music(creator, ["mint", "--audio", file("x.wav"), "--metadata-cid", cid, "--salt", "0x12"]),
      /--salt: "0x12" is not 32 bytes of hex/,
    );
  });

  it("lists tracks by title and artist from their metadata, the content hash beside them", async () => {
    const id = sha256Hex(new TextEncoder().encode("RIFF....WAVE night drive stand-in audio"));
    const listed = await ok(undefined, ["tracks"]);
    assert.match(listed, new RegExp(`^Night Drive — nova\\s+${id.slice(0, 8)}.*basic {2}by 0x`, "m"), listed);
    assert.match(await ok(undefined, ["track", id]), /title\s+Night Drive — nova/);
    const [row] = JSON.parse(await ok(undefined, ["tracks", "--json"])) as { metadata: object; tokenId: string }[];
    assert.deepEqual(row.metadata, { title: "Night Drive", artist: "nova" });

    // metadata that does not match the CID's digest is not believed
    const file = join(
      dir,
      "store",
      `${cidToString(0x55, sha256Hex(new TextEncoder().encode(JSON.stringify({ name: "Night Drive", artist: "nova" }))))}.json`,
    );
    writeFileSync(file, JSON.stringify({ name: "Forged", artist: "mallory" }));
    const forged = await music(undefined, ["tracks"]);
    assert.doesNotMatch(forged.stdout, /Forged/);
    assert.match(forged.stdout, /\(no metadata found\)/);
    assert.match(forged.stderr, /FLYAI_METADATA_DIR/);
    writeFileSync(file, JSON.stringify({ name: "Night Drive", artist: "nova" }));
  });

  it("lists, sells with a referrer (collector and curator assigned) and pays out earnings", async () => {
    const id = sha256Hex(new TextEncoder().encode("RIFF....WAVE night drive stand-in audio"));
    assert.match(await ok(creator, ["list", id, "--price", "0.5"]), /listed\s+.* for 0\.5 ETH/);
    assert.match(await ok(undefined, ["listings"]), /0\.5 ETH/);
    const bought = await ok(collector, ["buy", id, "--referrer", curator.address]);
    assert.match(bought, /royalty to the split 0\.025 ETH, protocol fee 0\.0125 ETH/);
    const splitter = RoyaltySplitter__factory.connect(
      suite.deployment.contracts.RoyaltySplitter.address,
      suite.deployer,
    );
    assert.deepEqual([...(await splitter.rolesOf(id))], [collector.address, curator.address]);
    assert.match(await ok(undefined, ["track", id]), new RegExp(`curator\\s+${curator.address}`));
    assert.match(await ok(undefined, ["earnings", creator.address]), /can withdraw 0\.0175 ETH/);
    assert.match(await ok(creator, ["withdraw"]), /withdrew 0\.0175 ETH from 1 tracks/);
    assertUserError(await music(creator, ["withdraw"]), /nothing to withdraw in ETH/);
  });

  it("runs a Dutch auction: the price falls, a bid buys at the current price", async () => {
    const audio = join(dir, "glass-rain.wav");
    await ok(creator, ["mint", "--audio", audio, "--metadata-cid", cidToString(0x70, sha256Hex(new Uint8Array([1])))]);
    const id = sha256Hex(new TextEncoder().encode("RIFF....WAVE glass rain stand-in audio"));
    await ok(creator, ["auction", id, "--start", "1", "--reserve", "0.1", "--duration", "1h", "--curve", "linear"]);
    assert.match(await ok(undefined, ["auctions"]), /now 1\.0 ETH|now 0\.99/);
    await suite.connection.networkHelpers.time.increase(1800);
    const listed = await ok(undefined, ["auctions"]);
    assert.match(listed, /now 0\.5\d* ETH/, listed);
    assert.match(await ok(collector, ["bid", id]), /bought\s+.* at about 0\.5/);
    const nft = MusicNFT__factory.connect(suite.deployment.contracts.MusicNFT.address, suite.deployer);
    assert.equal(await nft.ownerOf(id), collector.address);
    assert.match(await ok(undefined, ["settle", id]), /nothing to do/);
  });

  it("gives one-line errors for bad input", async () => {
    assertUserError(await music(creator, ["mint"]), /--audio <file> is required/);
    assertUserError(
      await music(creator, ["mint", "--audio", "/nope.wav", "--metadata-cid", "bafy"]),
      /cannot read the audio file/,
    );
    assertUserError(
      await music(creator, ["mint", "--audio", join(dir, "glass-rain.wav"), "--metadata-cid", "Qm123"]),
      /is not a base32 CIDv1/,
    );
    assertUserError(
      await music(creator, [
        "mint",
        "--audio",
        join(dir, "glass-rain.wav"),
        "--metadata",
        join(dir, "night-drive.json"),
        "--co-authors",
        "0x12:100",
      ]),
      /--co-authors: .*not an address|--co-authors/,
    );
    assertUserError(await music(creator, ["track", "0x12"]), /is not a track id/);
    assertUserError(await music(creator, ["buy", `0x${"ab".repeat(32)}`]), /is not listed/);
    assertUserError(await music(creator, ["list", `0x${"ab".repeat(32)}`, "--price", "zero"]), /--price/);
    assertUserError(
      await music(creator, ["auction", `0x${"ab".repeat(32)}`, "--start", "1", "--reserve", "2"]),
      /--reserve cannot be above --start/,
    );
    assertUserError(await music(creator, ["earnings", "--currency", "DOGE"]), /not ETH or MINT/);
    assertUserError(await music(creator, ["dance"]), /unknown command "dance"/);
  });
});
