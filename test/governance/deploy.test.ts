// The real suite deploy (the function `npm start` and `npm run deploy` call) wires what the security properties promise:
// the governor is the timelock's only proposer and canceller, anyone executes, nobody but the timelock administers
// it, every parameter is owned by the timelock, and the deployment file says where everything is.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { deploySuite } from "@flyaimusic/deploy/suite.ts";
import { validateParams } from "@flyaimusic/deploy/params.ts";
import {
  DutchAuction__factory,
  Fractionalizer__factory,
  RewardsDistributor__factory,
  RoyaltyVaultFactory__factory,
  Marketplace__factory,
  MusicNFT__factory,
  NFTStakingVault__factory,
  PoolFactory__factory,
  RoyaltySplitter__factory,
  Router__factory,
} from "@flyaimusic/bindings";
import { parseEther, ZeroAddress } from "ethers";
import { deployFixture, GENESIS, type Suite } from "../fixtures.ts";

describe("suite deploy", () => {
  let suite: Suite;
  before(async () => {
    suite = await deployFixture();
  });

  it("makes the governor the only proposer and canceller and lets anyone execute", async () => {
    const { timelock, governor, deployer, alice } = suite;
    const governorAddress = await governor.getAddress();
    assert.equal(await timelock.hasRole(await timelock.PROPOSER_ROLE(), governorAddress), true);
    assert.equal(await timelock.hasRole(await timelock.CANCELLER_ROLE(), governorAddress), true);
    assert.equal(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ZeroAddress), true);
    for (const account of [deployer.address, alice.address]) {
      assert.equal(await timelock.hasRole(await timelock.PROPOSER_ROLE(), account), false);
      assert.equal(await timelock.hasRole(await timelock.CANCELLER_ROLE(), account), false);
    }
  });

  it("leaves no admin but the timelock itself: the deployer renounced", async () => {
    const { timelock, deployer } = suite;
    const admin = await timelock.DEFAULT_ADMIN_ROLE();
    assert.equal(await timelock.hasRole(admin, deployer.address), false);
    assert.equal(await timelock.hasRole(admin, await timelock.getAddress()), true);
    assert.equal(await timelock.hasRole(admin, await suite.governor.getAddress()), false);
  });

  it("gives every parameter to the timelock", async () => {
    const { token, governor, timelock, params } = suite;
    const timelockAddress = await timelock.getAddress();
    assert.equal(await token.owner(), timelockAddress, "MINT emissions are granted by the timelock");
    assert.equal(await governor.timelock(), timelockAddress, "governor settings change only through the timelock");
    assert.equal(await timelock.getMinDelay(), BigInt(params.timelockMinDelay));
    assert.equal(await governor.votingDelay(), BigInt(params.votingDelay));
    assert.equal(await governor.votingPeriod(), BigInt(params.votingPeriod));
    assert.equal(await governor.proposalThreshold(), parseEther(params.proposalThreshold));
    assert.equal(await governor.lateQuorumVoteExtension(), BigInt(params.lateQuorumExtension));
    assert.equal(await governor["quorumNumerator()"](), BigInt(params.quorumPercent));
    assert.equal(await governor.token(), await token.getAddress());
    assert.equal(await governor.CLOCK_MODE(), "mode=timestamp");
  });

  it("mints the genesis: the treasury holds its share without votes, holders vote without delegating", async () => {
    const { token, timelock, params, alice, bob } = suite;
    const treasury = await timelock.getAddress();
    assert.equal(await token.balanceOf(treasury), parseEther(params.treasuryAmount));
    assert.equal(await token.getVotes(treasury), 0n);
    assert.equal(await token.votingOptedOut(treasury), true);
    assert.equal(await token.getVotes(alice.address), parseEther(GENESIS.alice));
    assert.equal(await token.delegates(bob.address), bob.address);
    assert.equal(await token.cap(), parseEther(params.maxSupply));
    assert.equal(await token.emissionsBudget(suite.deployer.address), 0n, "the deployer cannot mint");
  });

  it("deploys the music core owned by the timelock, wired for sales and royalties", async () => {
    const { deployment, timelock, deployer, params } = suite;
    const runner = suite.deployer;
    const timelockAddress = await timelock.getAddress();
    const c = deployment.contracts;
    const music = MusicNFT__factory.connect(c.MusicNFT.address, runner);
    const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, runner);
    const market = Marketplace__factory.connect(c.Marketplace.address, runner);
    const auction = DutchAuction__factory.connect(c.DutchAuction.address, runner);
    for (const owned of [music, splitter, market, auction]) {
      assert.equal(await owned.owner(), timelockAddress, `${await owned.getAddress()} is owned by the timelock`);
    }
    assert.equal(await splitter.isSaleRecorder(c.Marketplace.address), true);
    assert.equal(await splitter.isSaleRecorder(c.DutchAuction.address), true);
    assert.equal(await splitter.isSaleRecorder(deployer.address), false);
    for (const sale of [market, auction]) {
      assert.equal(await sale.treasury(), timelockAddress);
      assert.equal(await sale.protocolFeeBps(), BigInt(params.music.protocolFeeBps));
      assert.equal(await sale.splitter(), c.RoyaltySplitter.address);
    }
    assert.equal(await splitter.treasury(), timelockAddress);
    assert.equal(await music.treasury(), timelockAddress);
    const split = await splitter.currentSplit();
    assert.deepEqual(
      [split.creatorsBps, split.curatorBps, split.collectorBps, split.platformBps].map(Number),
      [7000, 1500, 1000, 500],
    );
    assert.equal(await splitter.curatorResaleBps(), 3000n);
    const [receiver] = await music.royaltyInfo(0, 0).catch(() => [undefined]);
    assert.equal(receiver, undefined, "royaltyInfo of an unknown track reverts");
    const basic = await music.tierConfig(0);
    const pro = await music.tierConfig(1);
    assert.equal(basic.enabled && pro.enabled, true);
    assert.equal(basic.feeToken, ZeroAddress);
    assert.equal(pro.feeToken, c.MintToken.address);
    assert.deepEqual([basic.royaltyBps, pro.royaltyBps].map(Number), [500, 1000]);
  });

  it("deploys the DeFi suite owned by the timelock: staking, pools, fractions, royalty vaults", async () => {
    const { deployment, timelock, params } = suite;
    const runner = suite.deployer;
    const timelockAddress = await timelock.getAddress();
    const c = deployment.contracts;
    const staking = NFTStakingVault__factory.connect(c.NFTStakingVault.address, runner);
    const factory = PoolFactory__factory.connect(c.PoolFactory.address, runner);
    const router = Router__factory.connect(c.Router.address, runner);
    const fractionalizer = Fractionalizer__factory.connect(c.Fractionalizer.address, runner);
    const royaltyVaults = RoyaltyVaultFactory__factory.connect(c.RoyaltyVaultFactory.address, runner);
    const rewards = RewardsDistributor__factory.connect(c.RewardsDistributor.address, runner);
    for (const owned of [staking, factory, fractionalizer, royaltyVaults, rewards]) {
      assert.equal(await owned.owner(), timelockAddress, `${await owned.getAddress()} is owned by the timelock`);
    }
    assert.equal(await staking.musicNFT(), c.MusicNFT.address);
    assert.equal(await staking.mintToken(), c.MintToken.address);
    for (const { tier, weight } of params.defi.staking.tierWeights) {
      assert.equal(await staking.tierWeight(tier), BigInt(weight), `tier ${tier} weight`);
    }
    assert.equal(await staking.rewardRate(), 0n, "no rewards until the DAO grants a budget and a rate");
    assert.equal(await factory.feeBps(), 30n, "0.30% by default");
    assert.equal(await router.factory(), c.PoolFactory.address);
    assert.equal(await fractionalizer.musicNFT(), c.MusicNFT.address);
    assert.equal(await fractionalizer.splitter(), c.RoyaltySplitter.address);
    assert.deepEqual([...(await fractionalizer.incomeAssets())], [ZeroAddress, c.MintToken.address], "ETH, MINT");
    assert.equal(await fractionalizer.buyoutWindow(), 3n * 86_400n);
    const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, runner);
    assert.equal(await splitter.isStreamRegistrar(c.RoyaltyVaultFactory.address), true, "may start streams");
    assert.equal(await splitter.isStreamRegistrar(suite.deployer.address), false);
    assert.equal(await royaltyVaults.minTerm(), BigInt(params.defi.securitization.minTermDays * 86_400));
    assert.equal(await royaltyVaults.maxTerm(), BigInt(params.defi.securitization.maxTermDays * 86_400));
    assert.equal(await rewards.mintToken(), c.MintToken.address);
    assert.equal(await rewards.challengeWindow(), BigInt(params.defi.rewards.challengeWindowHours * 3600));
    assert.equal(await rewards.epochBudget(), parseEther(params.defi.rewards.epochBudget));
  });

  it("writes deployments/<chainId>.json with every address and the parameters", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flyai-deploy-"));
    const previous = process.env.FLYAI_DEPLOYMENTS_DIR;
    process.env.FLYAI_DEPLOYMENTS_DIR = dir;
    try {
      const { deployment, path } = await deploySuite({ signer: suite.deployer, params: suite.params, network: "test" });
      assert.ok(path);
      const written = JSON.parse(readFileSync(path, "utf8"));
      assert.deepEqual(written, deployment);
      assert.equal(written.chainId, 31337);
      assert.equal(written.treasury, written.contracts.FlyTimelock.address);
      for (const name of [
        "MintToken",
        "FlyTimelock",
        "FlyGovernor",
        "MusicNFT",
        "RoyaltySplitter",
        "Marketplace",
        "DutchAuction",
        "NFTStakingVault",
        "PoolFactory",
        "Router",
        "Fractionalizer",
        "RoyaltyVaultFactory",
        "RewardsDistributor",
      ]) {
        assert.match(written.contracts[name].address, /^0x[0-9a-fA-F]{40}$/);
        assert.ok(written.contracts[name].blockNumber > 0);
      }
    } finally {
      if (previous === undefined) delete process.env.FLYAI_DEPLOYMENTS_DIR;
      else process.env.FLYAI_DEPLOYMENTS_DIR = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses parameters that cannot work, naming each problem", () => {
    assert.throws(
      () =>
        validateParams({
          ...suite.params,
          quorumPercent: 0,
          lateQuorumExtension: suite.params.votingPeriod + 1,
          genesis: [{ holder: "0x1234", amount: "1" }],
        }),
      (error: Error) =>
        /quorumPercent/.test(error.message) &&
        /lateQuorumExtension cannot exceed votingPeriod/.test(error.message) &&
        /genesis\[0\]\.holder is not an address/.test(error.message),
    );
    assert.throws(
      () => validateParams({ ...suite.params, treasuryAmount: "999999999", maxSupply: "1000000000" }),
      /exceeds maxSupply/,
    );
  });
});
