// The DeFi CLI driven in-process against the real suite deploy: a collector fractionalizes a track and hands its
// collector role to the vault, holders see and claim income, a buyout is bid, objected to, settled and redeemed; a
// creator securitizes a royalty stream and a buyer buys shares and claims; a holder stakes and claims MINT rewards.
// `positions` shows each. Bad input gives one-line errors (exit code 2) and no stack trace.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  FractionVault__factory,
  Marketplace__factory,
  MintToken__factory,
  MusicNFT__factory,
  NFTStakingVault__factory,
  RoyaltySplitter__factory,
} from "@flyaimusic/bindings";
import { DEFI_PROGRAM } from "@flyaimusic/protocol/cli/defi.ts";
import { parseEther, ZeroAddress } from "ethers";
import { assertUserError, cliRunner } from "../cli-harness.ts";
import { asTimelock, deployFixture, mintTrack as mintSuiteTrack, type Signer, type Suite } from "../fixtures.ts";

describe("DeFi CLI", () => {
  let suite: Suite;
  let creator: Signer;
  let collector: Signer;
  let holder: Signer;
  let bidder: Signer;
  let buyer: Signer;
  let track: string;
  let stream: string;
  let fractionVault: string;

  const { run: defi, ok } = cliRunner(() => suite, DEFI_PROGRAM);

  const mintTrack = (who: Signer, audio: string) => mintSuiteTrack(suite, who, audio);

  async function deposit(tokenId: string, eth: string): Promise<void> {
    const splitter = RoyaltySplitter__factory.connect(
      suite.deployment.contracts.RoyaltySplitter.address,
      suite.deployer,
    );
    await (await splitter.depositETH(tokenId, { value: parseEther(eth) })).wait();
  }

  before(async () => {
    suite = await deployFixture();
    [creator, collector, holder, bidder, buyer] = suite.others.slice(4, 9);
    // the primary sale: collector buys the creator's track and becomes its collector
    track = await mintTrack(creator, "cli fractions track");
    const c = suite.deployment.contracts;
    const music = MusicNFT__factory.connect(c.MusicNFT.address, creator);
    const market = Marketplace__factory.connect(c.Marketplace.address, creator);
    await (await music.setApprovalForAll(c.Marketplace.address, true)).wait();
    const now = (await suite.connection.ethers.provider.getBlock("latest"))!.timestamp;
    await (await market.list(track, ZeroAddress, parseEther("0.1"), now + 86_400)).wait();
    await (
      await market.connect(collector).buy(track, parseEther("0.1"), ZeroAddress, { value: parseEther("0.1") })
    ).wait();
  });

  it("fractionalizes a track, hands the vault the collector role, shows and pays the holders' income", async () => {
    const out = await ok(collector, ["fractionalize", track, "--supply", "1000", "--reserve", "1", "--symbol", "CLI"]);
    const vaultAddress = /at (0x[0-9a-fA-F]{40})/.exec(out)?.[1];
    assert.ok(vaultAddress, out);
    fractionVault = vaultAddress;
    assert.match(out, /you are this track's collector/);
    assert.match(await ok(collector, ["collector-role", track]), new RegExp(`is now ${vaultAddress}'s`));
    const vault = FractionVault__factory.connect(vaultAddress, collector);
    await (await vault.transfer(holder.address, parseEther("250"))).wait();
    await deposit(track, "1");

    const positions = await ok(undefined, ["positions", holder.address]);
    assert.match(positions, /fractions\n\s+CLI\s+250 of 1000 \(25%\)/, positions);
    assert.match(positions, /income to claim 0\.025 ETH/, "25% of the 0.1 ETH collector part");
    assert.match(await ok(holder, ["claim-income", vaultAddress]), /claimed 0\.025 ETH/);
    assertUserError(await defi(holder, ["claim-income", vaultAddress]), /nothing to claim/);
  });

  it("runs a buyout: bid, objection, settlement, redemption at the bid price", async () => {
    const fractionalizerVault = fractionVault;
    assertUserError(await defi(bidder, ["buyout", fractionalizerVault, "--price", "0.5"]), /reserve|Reserve/);
    assert.match(await ok(bidder, ["buyout", fractionalizerVault, "--price", "2"]), /escrowed 2\.0 ETH/);
    assert.match(
      await ok(holder, ["object", fractionalizerVault, "--amount", "100"]),
      /objections 100\.0 of 500\.0 needed/,
    );
    assertUserError(await defi(bidder, ["settle-buyout", fractionalizerVault]), /window|Window|not over|NotEnded/i);
    await suite.connection.networkHelpers.time.increase(3 * 86_400 + 1);
    assert.match(await ok(bidder, ["settle-buyout", fractionalizerVault]), /^sold/);
    const music = MusicNFT__factory.connect(suite.deployment.contracts.MusicNFT.address, bidder);
    assert.equal(await music.ownerOf(track), bidder.address);
    // the collector held 750: 750/1000 of 2 ETH
    assert.match(await ok(collector, ["redeem", fractionalizerVault]), /redeemed 750\.0 fractions for 1\.5 ETH/);
  });

  it("securitizes a royalty stream, sells shares, shows and pays the shares' income", async () => {
    stream = await mintTrack(creator, "cli stream track");
    assertUserError(
      await defi(buyer, ["securitize", stream, "--share", "25%", "--supply", "1000", "--price", "0.001"]),
      /not a creator/,
    );
    const out = await ok(creator, [
      "securitize",
      stream,
      "--share",
      "25%",
      "--term",
      "30d",
      "--supply",
      "1000",
      "--sale",
      "600",
      "--price",
      "0.001",
      "--symbol",
      "RCLI",
    ]);
    const vault = /at (0x[0-9a-fA-F]{40})/.exec(out)?.[1];
    assert.ok(vault, out);
    assert.match(out, /sold 25% of your cut/);
    assert.match(await ok(buyer, ["buy-shares", vault, "--amount", "100"]), /bought 100\.0 RCLI .* for 0\.1 ETH/);
    await deposit(stream, "1");
    // 0.95 ETH creators' part (no roles yet) x 25% = 0.2375 ETH to the shares; the buyer holds 10%
    const positions = await ok(undefined, ["positions", buyer.address]);
    assert.match(positions, /royalty shares\n\s+RCLI\s+100 of 1000 \(10%\) of 25%/, positions);
    assert.match(positions, /income to claim 0\.02375 ETH/, positions);
    assert.match(await ok(buyer, ["claim-income", vault]), /claimed 0\.02375 ETH/);
  });

  it("stakes a track, shows its pending MINT and claims it", async () => {
    const c = suite.deployment.contracts;
    // the DAO's launch proposal (the devnet runs it): a budget and a rate, done here as the timelock
    const timelock = await asTimelock(suite.connection, suite.deployment);
    await (
      await MintToken__factory.connect(c.MintToken.address, timelock).setEmissionsBudget(
        c.NFTStakingVault.address,
        parseEther("1000000"),
      )
    ).wait();
    await (
      await NFTStakingVault__factory.connect(c.NFTStakingVault.address, timelock).setRewardRate(parseEther("1"))
    ).wait();

    const id = await mintTrack(holder, "cli staked track");
    assertUserError(await defi(buyer, ["stake", id]), /you do not hold/);
    assert.match(await ok(holder, ["stake", id]), /staked 1 track\(s\)/);
    await suite.connection.networkHelpers.time.increase(100);
    await suite.connection.networkHelpers.mine();
    const positions = await ok(undefined, ["positions", holder.address]);
    assert.match(positions, /NFT staking\n\s+staked\s+0x/, positions);
    // 1 MINT a second, the only stake: ~100 s of rewards (the blocks' own seconds included)
    const pending = Number(/pending\s+([\d.,]+) MINT/.exec(positions)?.[1].replace(/,/g, ""));
    assert.ok(pending >= 100 && pending <= 110, positions);
    assert.match(await ok(holder, ["claim-rewards"]), /claimed about/);
    const token = MintToken__factory.connect(c.MintToken.address, holder);
    assert.ok((await token.balanceOf(holder.address)) >= parseEther("100"));
  });

  it("lists pools and refuses what is not a vault", async () => {
    assert.match(await ok(undefined, ["pools"]), /no pools yet/);
    assertUserError(await defi(holder, ["buyout", holder.address, "--price", "1"]), /not a fraction vault/);
    assertUserError(await defi(holder, ["claim-income", "0x1234"]), /expected a vault address/);
  });
});
