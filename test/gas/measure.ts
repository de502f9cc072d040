// Measures every gas snapshot row: `receipt.gasUsed` of one real transaction each, on the in-process network with
// the suite deployed by the real deploy (as the performance targets define it: whole transaction, suite warm, the user cold). The same operations
// run against unmodified OpenZeppelin contracts (governance/test/baseline) in the same run, as the baseline.
import {
  DutchAuction__factory,
  LocalEndpoint__factory,
  type LocalMessageLib,
  LocalMessageLib__factory,
  MintOFTAdapter__factory,
  MusicNFTAdapter__factory,
  RemoteMint__factory,
  RemoteMusicNFT__factory,
  Fractionalizer__factory,
  FractionVault__factory,
  FlyTimelock__factory,
  Marketplace__factory,
  MintToken__factory,
  MusicNFT__factory,
  NFTStakingVault__factory,
  RewardsDistributor__factory,
  Pool__factory,
  PoolFactory__factory,
  Router__factory,
  RoyaltySplitter__factory,
  RoyaltyVault__factory,
  RoyaltyVaultFactory__factory,
} from "@flyaimusic/bindings";
import { type BridgeEnd, wireEnd } from "@flyaimusic/bridge/deploy/bridge.ts";
import { decodePacket } from "@flyaimusic/bridge/relayer/relayer.ts";
import {
  AbiCoder,
  type BaseContract,
  concat,
  id,
  keccak256,
  parseEther,
  sha256,
  toUtf8Bytes,
  ZeroAddress,
  zeroPadValue,
} from "ethers";
import {
  asTimelock,
  boundDescription,
  type Connection,
  deployFixture,
  GENESIS,
  type Signer,
  type Suite,
} from "../fixtures.ts";

export type GasSnapshot = Record<string, number>;

async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

export async function measureGas(): Promise<GasSnapshot> {
  const suite = await deployFixture();
  const { token, governor, alice, bob, carol, dave, others, connection, params } = suite;
  const time = connection.networkHelpers.time;
  const gas: GasSnapshot = {};
  await time.increase(10);

  // MINT: a holder with votes sends to an address that never held MINT (its first vote checkpoint included).
  gas["mint.transfer"] = await gasOf(token.connect(dave).transfer(others[0].address, parseEther("1000")));
  // MINT: first explicit delegation, to a delegate who already has votes (the usual case: backing an active
  // delegate). Holders need no delegation to vote, so vanilla's "first delegate" has no counterpart here.
  gas["mint.delegate"] = await gasOf(token.connect(carol).delegate(bob.address));
  // ... and to an address that never had votes.
  gas["mint.delegate.toNewDelegate"] = await gasOf(token.connect(others[0]).delegate(others[1].address));
  await time.increase(10);

  Object.assign(gas, await measureProposalLifecycle(governor, { alice, bob, dave }, params, time));
  Object.assign(gas, await measureMusic(suite));
  return gas;
}

/** A basic-tier mint request for stand-in audio bytes, solo or with co-authors. */
function mintRequest(audio: string, to: string, coAuthors: { account: string; shareBps: number }[] = []) {
  return {
    contentHash: sha256(toUtf8Bytes(audio)),
    metadataDigest: sha256(toUtf8Bytes(`metadata of ${audio}`)),
    metadataCodec: 0x55,
    tier: 0,
    licenseId: 1,
    to,
    coAuthors,
  };
}

/**
 * The music core's rows. Who is cold and who is not is chosen as a user would meet it: a creator minting their
 * first track; a collector who already holds a track buying another; revenue arriving for a track that has earned
 * before; a creator withdrawing from a track for the first time.
 */
async function measureMusic(suite: Suite): Promise<GasSnapshot> {
  const { deployment, deployer, others, connection } = suite;
  const c = deployment.contracts;
  const music = MusicNFT__factory.connect(c.MusicNFT.address, deployer);
  const market = Marketplace__factory.connect(c.Marketplace.address, deployer);
  const auction = DutchAuction__factory.connect(c.DutchAuction.address, deployer);
  const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, deployer);
  const [creator, collector, collector2, curator, coAuthor1, coAuthor2, coAuthor3, coAuthor4] = others.slice(4, 12);
  const fee = (await music.tierConfig(0)).mintFee;
  const now = async () => BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);
  const gas: GasSnapshot = {};

  // minting: a creator's first track, then their next one
  gas["music.mint"] = await gasOf(music.connect(creator).mint(mintRequest("track 1", creator.address), { value: fee }));
  gas["music.mint.nextTrack"] = await gasOf(
    music.connect(creator).mint(mintRequest("track 2", creator.address), { value: fee }),
  );
  await gasOf(music.connect(creator).mint(mintRequest("track 3", creator.address), { value: fee }));
  // the protected registration of a creator's next track: commit (the hash hidden), wait the minimum age, reveal
  const salt = keccak256(toUtf8Bytes("gas snapshot salt"));
  const committed = mintRequest("track 4", creator.address);
  const commitment = await music.registrationCommitment(committed.contentHash, creator.address, salt);
  gas["music.commit"] = await gasOf(music.connect(creator).commitRegistration(commitment));
  await connection.networkHelpers.time.increase(Number(await music.minCommitAge()));
  gas["music.mintCommitted.nextTrack"] = await gasOf(music.connect(creator).mintCommitted(committed, salt, { value: fee }));
  const [track1, track2, track3] = ["track 1", "track 2", "track 3"].map((a) => BigInt(sha256(toUtf8Bytes(a))));
  // collectors already hold a track of their own
  for (const [i, who] of [collector, collector2].entries()) {
    await gasOf(music.connect(who).mint(mintRequest(`collector track ${i}`, who.address), { value: fee }));
  }
  for (const who of [creator, collector, collector2]) {
    await gasOf(music.connect(who).setApprovalForAll(c.Marketplace.address, true));
    await gasOf(music.connect(who).setApprovalForAll(c.DutchAuction.address, true));
  }

  // fixed price: list, first sale (collector and curator assigned), then a resale with the curator's 30%
  const price = parseEther("0.1");
  gas["market.list"] = await gasOf(market.connect(creator).list(track1, ZeroAddress, price, (await now()) + 86_400n));
  gas["market.buy.firstSale"] = await gasOf(
    market.connect(collector).buy(track1, price, curator.address, { value: price }),
  );
  await gasOf(market.connect(collector).list(track1, ZeroAddress, price, (await now()) + 86_400n));
  gas["market.buy"] = await gasOf(market.connect(collector2).buy(track1, price, ZeroAddress, { value: price }));

  // Dutch auction: start, then a buyer pays the current price (the track's first sale)
  const params = { currency: ZeroAddress, startPrice: parseEther("1"), reservePrice: parseEther("0.1"), duration: 3600, curve: 0 };
  gas["auction.start"] = await gasOf(auction.connect(creator).startAuction(track2, params));
  await connection.networkHelpers.time.increase(600);
  const current = await auction.currentPrice(track2);
  gas["auction.buy"] = await gasOf(auction.connect(collector2).buy(track2, current, ZeroAddress, { value: current }));

  // revenue: a deposit to a track that has earned before; the same deposit to a track with 4 co-authors
  gas["split.deposit"] = await gasOf(splitter.depositETH(track1, { value: parseEther("0.01") }));
  const shared = BigInt(sha256(toUtf8Bytes("shared track")));
  const coAuthors = [coAuthor1, coAuthor2, coAuthor3, coAuthor4].map((a) => ({ account: a.address, shareBps: 1000 }));
  await gasOf(music.connect(creator).mint(mintRequest("shared track", creator.address, coAuthors), { value: fee }));
  await gasOf(splitter.depositETH(shared, { value: parseEther("0.01") }));
  await gasOf(splitter.depositETH(track3, { value: parseEther("0.01") }));
  const soloDeposit = await gasOf(splitter.depositETH(track3, { value: parseEther("0.01") }));
  const sharedDeposit = await gasOf(splitter.depositETH(shared, { value: parseEther("0.01") }));
  // what each extra recipient adds to a deposit (4 co-authors beyond the registrant)
  gas["split.deposit.perExtraRecipient"] = Math.max(0, Math.ceil((sharedDeposit - soloDeposit) / 4));
  gas["split.withdraw"] = await gasOf(splitter.connect(creator).withdraw(ZeroAddress, [track1], creator.address));
  Object.assign(gas, await measureStaking(suite, { creator, collector, collector2 }, mintRequest, fee));
  Object.assign(gas, await measurePools(suite));
  Object.assign(gas, await measureFractions(suite, fee));
  Object.assign(gas, await measureRoyaltyVault(suite, fee));
  Object.assign(gas, await measureBridges(suite, fee));
  Object.assign(gas, await measureRewards(suite));
  return gas;
}

/**
 * Rewards, with the deployed RewardsDistributor: a root of a 1,000,000-leaf tree (a depth-20 proof: the claimer's
 * leaf hashed up with 20 siblings, as @openzeppelin/merkle-tree does: double-hashed leaf, sorted pairs) posted by
 * the keeper, its challenge window passed; a first-time holder claims (the MINT it receives is its first).
 */
async function measureRewards(suite: Suite): Promise<GasSnapshot> {
  const { deployment, connection, others } = suite;
  const c = deployment.contracts;
  const gas: GasSnapshot = {};
  const [keeper, claimer] = [others[7], others[8]];
  const timelock = await asTimelock(connection, deployment);
  const rewards = RewardsDistributor__factory.connect(c.RewardsDistributor.address, timelock);
  await gasOf(MintToken__factory.connect(c.MintToken.address, timelock).setEmissionsBudget(c.RewardsDistributor.address, parseEther("1000000")));
  await gasOf(rewards.setKeeper(keeper.address));

  const amount = parseEther("12.5");
  const leaf = keccak256(keccak256(AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [claimer.address, amount])));
  // fixed siblings: the calldata (and so the gas) is the same every run
  const proof = Array.from({ length: 20 }, (_, i) => keccak256(toUtf8Bytes(`sibling ${i}`)));
  const root = proof.reduce((node, sibling) => keccak256(node < sibling ? concat([node, sibling]) : concat([sibling, node])), leaf);
  await gasOf(rewards.connect(keeper).postRoot(1, root, parseEther("100000")));
  await connection.networkHelpers.time.increase(Number(await rewards.challengeWindow()) + 1);
  gas["rewards.claim"] = await gasOf(rewards.connect(claimer).claim(claimer.address, amount, proof));
  return gas;
}

/**
 * Bridges: both ends on the in-process chain, each with its own LayerZero endpoint (eids 1 and 2) and the local
 * message library, wired as the deploy wires them. A creator sends a solo track, the relayer's two transactions
 * (verify, then the endpoint's lzReceive) deliver it; `bridge.receiveNft` is the delivering transaction, the first
 * arrival of the track on the remote end (its provenance stored) for a holder that holds none there. The same for
 * MINT.
 */
async function measureBridges(suite: Suite, fee: bigint): Promise<GasSnapshot> {
  const { deployment, deployer, others, alice } = suite;
  const c = deployment.contracts;
  const gas: GasSnapshot = {};
  const owner = deployer.address;
  const endpoints = await Promise.all([1, 2].map((eid) => new LocalEndpoint__factory(deployer).deploy(eid, owner)));
  const libs: LocalMessageLib[] = [];
  for (const endpoint of endpoints) {
    const lib = await new LocalMessageLib__factory(deployer).deploy(await endpoint.getAddress(), owner);
    await gasOf(endpoint.registerLibrary(await lib.getAddress()));
    libs.push(lib);
  }
  for (const [i, endpoint] of endpoints.entries()) {
    const other = i === 0 ? 2 : 1;
    await gasOf(endpoint.setDefaultSendLibrary(other, await libs[i].getAddress()));
    await gasOf(endpoint.setDefaultReceiveLibrary(other, await libs[i].getAddress(), 0));
  }
  const [endpointA, endpointB] = await Promise.all(endpoints.map((e) => e.getAddress()));
  const adapter = await new MusicNFTAdapter__factory(deployer).deploy(c.MusicNFT.address, endpointA, owner);
  const mintAdapter = await new MintOFTAdapter__factory(deployer).deploy(c.MintToken.address, endpointA, owner);
  const remote = await new RemoteMusicNFT__factory(deployer).deploy(endpointB, owner);
  const remoteMint = await new RemoteMint__factory(deployer).deploy(endpointB, owner);
  const home: BridgeEnd = { eid: 1, endpoint: endpointA, track: await adapter.getAddress(), mint: await mintAdapter.getAddress() };
  const away: BridgeEnd = { eid: 2, endpoint: endpointB, track: await remote.getAddress(), mint: await remoteMint.getAddress() };
  await wireEnd(deployer, home, away);
  await wireEnd(deployer, away, home);

  /** The relayer's delivery of the packet a send emitted: verify on the destination, then lzReceive. */
  const deliver = async (sendTx: Promise<{ wait(): Promise<unknown> }>) => {
    const receipt = (await (await sendTx).wait()) as { logs: { topics: string[]; data: string }[] };
    const sent = receipt.logs
      .map((log) => endpoints[0].interface.parseLog(log))
      .find((parsed) => parsed?.name === "PacketSent");
    if (!sent) throw new Error("no PacketSent");
    const packet = decodePacket(sent.args.encodedPayload as string);
    await gasOf(libs[1].verify(packet.raw));
    const origin = { srcEid: packet.srcEid, sender: packet.sender, nonce: packet.nonce };
    return gasOf(endpoints[1].lzReceive(origin, packet.receiver, packet.guid, packet.message, "0x"));
  };

  const [creator, holder] = [others[5], others[6]];
  const music = MusicNFT__factory.connect(c.MusicNFT.address, creator);
  await gasOf(music.mint(mintRequest("bridged track", creator.address), { value: fee }));
  const track = BigInt(sha256(toUtf8Bytes("bridged track")));
  await gasOf(music.setApprovalForAll(home.track, true));
  const nftParam = { dstEid: 2, to: zeroPadValue(holder.address, 32), tokenId: track, extraOptions: "0x", composeMsg: "0x", onftCmd: "0x" };
  const nftFee = await adapter.quoteSend(nftParam, false);
  const sendNft = adapter.connect(creator).send(nftParam, { nativeFee: nftFee.nativeFee, lzTokenFee: 0 }, creator.address, { value: nftFee.nativeFee });
  gas["bridge.sendNft"] = await gasOf(sendNft);
  gas["bridge.receiveNft"] = await deliver(sendNft);

  const amount = parseEther("1000");
  const mint = MintToken__factory.connect(c.MintToken.address, alice);
  await gasOf(mint.approve(home.mint, amount));
  const mintParam = { dstEid: 2, to: zeroPadValue(holder.address, 32), amountLD: amount, minAmountLD: amount, extraOptions: "0x", composeMsg: "0x", oftCmd: "0x" };
  const mintFee = await mintAdapter.quoteSend(mintParam, false);
  const sendMint = mintAdapter.connect(alice).send(mintParam, { nativeFee: mintFee.nativeFee, lzTokenFee: 0 }, alice.address, { value: mintFee.nativeFee });
  gas["bridge.sendMint"] = await gasOf(sendMint);
  gas["bridge.receiveMint"] = await deliver(sendMint);
  return gas;
}

/**
 * Fractions, with the deployed Fractionalizer: a collector (the track's first buyer) fractionalizes it and hands the
 * collector role to the vault; revenue arrives; a holder sends fractions to a new holder (the transfer pulls the
 * waiting income first), claims, a bidder bids, the buyout settles, a holder redeems.
 */
async function measureFractions(suite: Suite, fee: bigint): Promise<GasSnapshot> {
  const { deployment, deployer, others, connection } = suite;
  const c = deployment.contracts;
  const gas: GasSnapshot = {};
  const music = MusicNFT__factory.connect(c.MusicNFT.address, deployer);
  const market = Marketplace__factory.connect(c.Marketplace.address, deployer);
  const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, deployer);
  const fractionalizer = Fractionalizer__factory.connect(c.Fractionalizer.address, deployer);
  // accounts no other row uses (the fixture has 15 besides the deployer and the four voters)
  const [creator, collector, holder, bidder] = [others[2], others[3], others[12], others[13]];
  const now = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp);
  await gasOf(music.connect(creator).mint(mintRequest("fractions track", creator.address), { value: fee }));
  const track = BigInt(sha256(toUtf8Bytes("fractions track")));
  await gasOf(music.connect(creator).setApprovalForAll(c.Marketplace.address, true));
  await gasOf(market.connect(creator).list(track, ZeroAddress, parseEther("0.1"), now + 86_400n));
  await gasOf(market.connect(collector).buy(track, parseEther("0.1"), ZeroAddress, { value: parseEther("0.1") }));
  await gasOf(music.connect(collector).setApprovalForAll(c.Fractionalizer.address, true));

  gas["fractions.fractionalize"] = await gasOf(
    fractionalizer.connect(collector).fractionalize(track, parseEther("1000"), parseEther("1"), "Fractions", "FRAC"),
  );
  const vaultAddress = await fractionalizer.vaultOf(track);
  const vault = FractionVault__factory.connect(vaultAddress, deployer);
  await gasOf(splitter.connect(collector).transferCollectorRole(track, vaultAddress));
  await gasOf(splitter.depositETH(track, { value: parseEther("1") }));
  gas["fractions.transfer"] = await gasOf(vault.connect(collector).transfer(holder.address, parseEther("300")));
  await gasOf(splitter.depositETH(track, { value: parseEther("1") }));
  gas["fractions.claim"] = await gasOf(vault.connect(holder).claim(holder.address));

  const price = parseEther("2");
  const deposit = await vault.requiredDeposit(price, 0);
  gas["fractions.buyout"] = await gasOf(vault.connect(bidder).startBuyout(price, 0, { value: deposit }));
  await connection.networkHelpers.time.increase(Number((await vault.terms()).buyoutWindow) + 1);
  gas["fractions.buyout.settle"] = await gasOf(vault.connect(bidder).settleBuyout());
  gas["fractions.redeem"] = await gasOf(vault.connect(holder).redeem(parseEther("300"), holder.address));
  return gas;
}

/**
 * Royalty securitization, with the deployed RoyaltyVaultFactory: a creator sells 25% of its cut of a track for a
 * year as shares at a fixed price; a buyer buys; revenue arrives; the buyer claims (its first claim pulls the
 * stream's income from the splitter).
 */
async function measureRoyaltyVault(suite: Suite, fee: bigint): Promise<GasSnapshot> {
  const { deployment, deployer, others, bob } = suite;
  const c = deployment.contracts;
  const gas: GasSnapshot = {};
  const music = MusicNFT__factory.connect(c.MusicNFT.address, deployer);
  const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, deployer);
  const factory = RoyaltyVaultFactory__factory.connect(c.RoyaltyVaultFactory.address, deployer);
  const [creator, buyer] = [others[14], bob];
  await gasOf(music.connect(creator).mint(mintRequest("securitized track", creator.address), { value: fee }));
  const track = BigInt(sha256(toUtf8Bytes("securitized track")));
  const price = parseEther("0.001");
  gas["royaltyVault.securitize"] = await gasOf(
    factory.connect(creator).securitize({
      tokenId: track,
      bps: 2_500,
      term: 365 * 86_400,
      supply: parseEther("1000"),
      saleAmount: parseEther("600"),
      startPrice: price,
      endPrice: price,
      saleDuration: 0,
      curve: 0,
      name: "Royalty Shares",
      symbol: "RS",
    }),
  );
  const vault = RoyaltyVault__factory.connect((await factory.vaultsOf(track))[0], deployer);
  const [, cost] = await vault.quote(parseEther("100"));
  gas["royaltyVault.buy"] = await gasOf(vault.connect(buyer).buy(parseEther("100"), price, { value: cost }));
  await gasOf(splitter.depositETH(track, { value: parseEther("1") }));
  gas["royaltyVault.claim"] = await gasOf(vault.connect(buyer).claim(buyer.address));
  return gas;
}

/**
 * Pools (not yet in the suite deploy: deployed here as its deploy step will). `pool.swap` is the targets' row: two plain
 * ERC-20s, a pool that has traded before, a trader holding both with allowances set. `pool.swap.mintPair` is the
 * same swap against MINT, where the trader's vote checkpoint moves too.
 */
async function measurePools(suite: Suite): Promise<GasSnapshot> {
  const { deployment, deployer, alice, bob, connection } = suite;
  const gas: GasSnapshot = {};
  const factory = await new PoolFactory__factory(deployer).deploy(deployment.contracts.FlyTimelock.address);
  await factory.waitForDeployment();
  const router = await new Router__factory(deployer).deploy(await factory.getAddress());
  await router.waitForDeployment();
  const routerAddress = await router.getAddress();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test token, not in the generated bindings
  const fraction: any = await connection.ethers.deployContract("PoolTestToken", ["Track fraction", "FRAC"], deployer);
  await fraction.waitForDeployment();
  const mint = MintToken__factory.connect(deployment.contracts.MintToken.address, deployer);
  const [mintAddress, fractionAddress] = [await mint.getAddress(), await fraction.getAddress()];
  for (const who of [alice, bob]) {
    await gasOf(fraction.mint(who.address, parseEther("1000000")));
    await gasOf(mint.connect(who).approve(routerAddress, parseEther("1000000")));
    await gasOf(fraction.connect(who).approve(routerAddress, parseEther("1000000")));
  }
  const deadline = BigInt((await connection.ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
  // minimums 0.5% below the amounts (the pool is at 1:1), as a real deposit sets them
  const withSlippage = (amount: bigint) => (amount * 995n) / 1_000n;
  const add = (who: Signer, amount: bigint) =>
    router.connect(who).addLiquidity({
      tokenA: mintAddress,
      tokenB: fractionAddress,
      amountADesired: amount,
      amountBDesired: amount,
      amountAMin: withSlippage(amount),
      amountBMin: withSlippage(amount),
      to: who.address,
      deadline,
    });
  await gasOf(add(alice, parseEther("100000")));
  const pool = Pool__factory.connect(await factory.getPool(mintAddress, fractionAddress), deployer);
  const poolAddress = await pool.getAddress();
  gas["pool.addLiquidity"] = await gasOf(add(bob, parseEther("1000")));
  for (const who of [alice, bob]) await gasOf(mint.connect(who).approve(poolAddress, parseEther("1000000")));
  // a first trade sets the price accumulators; the measured one is a trader's ordinary swap in a later block
  await gasOf(pool.connect(alice).swapExactIn(mintAddress, parseEther("10"), 0, alice.address));
  await connection.networkHelpers.time.increase(12);
  gas["pool.swap"] = await gasOf(pool.connect(bob).swapExactIn(mintAddress, parseEther("10"), 0, bob.address));
  await connection.networkHelpers.time.increase(12);
  gas["router.swap"] = await gasOf(
    router.connect(bob).swapExactTokensForTokens(parseEther("10"), 0, [fractionAddress, mintAddress], bob.address, deadline),
  );
  await gasOf(pool.connect(bob).approve(routerAddress, parseEther("1000000")));
  const lp = await pool.balanceOf(bob.address);
  gas["pool.removeLiquidity"] = await gasOf(
    router.connect(bob).removeLiquidity(mintAddress, fractionAddress, lp / 2n, 0, 0, bob.address, deadline),
  );
  gas["pool.swap.mintPair"] = gas["pool.swap"];

  // the plain pair
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test tokens, not in the generated bindings
  const [a, b]: any[] = await Promise.all(
    ["A", "B"].map((name) => connection.ethers.deployContract("PoolTestToken", [name, name], deployer)),
  );
  const [aAddress, bAddress] = [await a.getAddress(), await b.getAddress()];
  for (const token of [a, b]) {
    for (const who of [alice, bob]) await gasOf(token.mint(who.address, parseEther("1000000")));
    await gasOf(token.connect(alice).approve(routerAddress, parseEther("1000000")));
  }
  await gasOf(
    router.connect(alice).addLiquidity({
      tokenA: aAddress,
      tokenB: bAddress,
      amountADesired: parseEther("100000"),
      amountBDesired: parseEther("100000"),
      amountAMin: withSlippage(parseEther("100000")),
      amountBMin: withSlippage(parseEther("100000")),
      to: alice.address,
      deadline,
    }),
  );
  const plain = Pool__factory.connect(await factory.getPool(aAddress, bAddress), deployer);
  const plainAddress = await plain.getAddress();
  for (const who of [alice, bob]) await gasOf(a.connect(who).approve(plainAddress, parseEther("1000000")));
  await gasOf(plain.connect(alice).swapExactIn(aAddress, parseEther("10"), 0, alice.address));
  await connection.networkHelpers.time.increase(12);
  gas["pool.swap"] = await gasOf(plain.connect(bob).swapExactIn(aAddress, parseEther("10"), 0, bob.address));
  return gas;
}

/**
 * NFT staking (not yet in the suite deploy: deployed here the way its deploy step will, owned by the timelock, with
 * an emissions budget the timelock grants). A first stake into a vault others already use, a claim, an unstake.
 */
async function measureStaking(
  suite: Suite,
  who: { creator: Signer; collector: Signer; collector2: Signer },
  request: typeof mintRequest,
  fee: bigint,
): Promise<GasSnapshot> {
  const { deployment, deployer, connection } = suite;
  const c = deployment.contracts;
  const gas: GasSnapshot = {};
  const music = MusicNFT__factory.connect(c.MusicNFT.address, deployer);
  const vault = await new NFTStakingVault__factory(deployer).deploy(
    c.FlyTimelock.address,
    c.MusicNFT.address,
    c.MintToken.address,
    parseEther("10"),
    [0, 1],
    [1, 3],
  );
  await vault.waitForDeployment();
  const vaultAddress = await vault.getAddress();
  const timelock = await asTimelock(connection, deployment);
  const token = MintToken__factory.connect(c.MintToken.address, timelock);
  await gasOf(token.setEmissionsBudget(vaultAddress, parseEther("1000000")));
  await gasOf(vault.connect(timelock).setRewardRate(parseEther("1")));

  const { creator, collector2 } = who;
  for (const [owner, audio] of [[collector2, "staked early"], [creator, "staked first time"]] as const) {
    await gasOf(music.connect(owner).mint(request(audio, owner.address), { value: fee }));
    await gasOf(music.connect(owner).setApprovalForAll(vaultAddress, true));
  }
  await gasOf(vault.connect(collector2).stake([BigInt(sha256(toUtf8Bytes("staked early")))]));
  await connection.networkHelpers.time.increase(3600);
  const first = BigInt(sha256(toUtf8Bytes("staked first time")));
  gas["staking.stake"] = await gasOf(vault.connect(creator).stake([first]));
  await connection.networkHelpers.time.increase(3600);
  gas["staking.claim"] = await gasOf(vault.connect(creator).claim());
  await connection.networkHelpers.time.increase(3600);
  gas["staking.unstake"] = await gasOf(vault.connect(creator).unstake([first]));
  return gas;
}

/**
 * The same operations on unmodified OpenZeppelin ERC20Votes + Governor (same modules, CountingSimple and
 * PreventLateQuorum), same parameters and holders. Vanilla holders must delegate to themselves before they can vote:
 * that step is `mint.delegate` here (vanilla's "first delegate").
 */
export async function measureBaseline(): Promise<GasSnapshot> {
  const suite = await deployFixture();
  const { connection, params, deployer, alice, bob, carol, dave, others } = suite;
  const time = connection.networkHelpers.time;
  const ethers = connection.ethers;
  const gas: GasSnapshot = {};
  const deploy = async (name: string, args: unknown[]): Promise<BaseContract> => {
    const contract = await ethers.deployContract(name, args, deployer);
    await contract.waitForDeployment();
    return contract;
  };
  const timelock = await new FlyTimelock__factory(deployer).deploy(params.timelockMinDelay, [], [], deployer.address);
  await timelock.waitForDeployment();
  // the same supply as the suite: the treasury's 400M (undelegated, like the suite's opted-out treasury) and the
  // four voters, so the quorum is the same 16.88M
  const holders = [await timelock.getAddress(), ...[alice, bob, carol, dave].map((h) => h.address)];
  const amounts = [params.treasuryAmount, ...Object.values(GENESIS)].map((a) => parseEther(a));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- baseline contracts are not in the generated bindings
  const token: any = await deploy("VanillaVotesToken", [holders, amounts]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const governor: any = await deploy("VanillaGovernor", [
    await token.getAddress(),
    await timelock.getAddress(),
    params.votingDelay,
    params.votingPeriod,
    parseEther(params.proposalThreshold),
    params.quorumPercent,
    params.lateQuorumExtension,
  ]);
  await (await timelock.grantRole(await timelock.PROPOSER_ROLE(), await governor.getAddress())).wait();
  await (await timelock.grantRole(await timelock.EXECUTOR_ROLE(), ZeroAddress)).wait();

  gas["mint.delegate"] = await gasOf(token.connect(dave).delegate(dave.address));
  for (const h of [alice, bob, carol] as Signer[]) await (await token.connect(h).delegate(h.address)).wait();
  await time.increase(10);
  gas["mint.transfer.undelegatedRecipient"] = await gasOf(
    token.connect(dave).transfer(others[0].address, parseEther("1000")),
  );
  gas["mint.delegate.toNewDelegate"] = await gasOf(token.connect(others[0]).delegate(others[1].address));
  await gasOf(token.connect(others[3]).delegate(others[3].address));
  gas["mint.transfer.delegatedRecipient"] = await gasOf(
    token.connect(dave).transfer(others[3].address, parseEther("1000")),
  );
  gas["mint.delegate.redelegate"] = await gasOf(token.connect(carol).delegate(bob.address));
  await time.increase(10);

  Object.assign(gas, await measureProposalLifecycle(governor, { alice, bob, dave }, params, time));
  return gas;
}

/** The governor the lifecycle needs: FlyGovernor or the OpenZeppelin baseline. */
interface GovernorLike {
  interface: { encodeFunctionData(name: "setVotingPeriod", args: [number]): string };
  getAddress(): Promise<string>;
  connect(signer: Signer): GovernorLike;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the two governors' typed methods differ in nominal types only
  [method: string]: any;
}

/**
 * One proposal through its whole life, the same on every governor: alice proposes doubling the voting period (the
 * governor's own setting, executed through the timelock), dave casts the first vote, bob votes with a reason, alice's
 * vote brings quorum, then queue and execute.
 */
async function measureProposalLifecycle(
  governor: GovernorLike,
  voters: { alice: Signer; bob: Signer; dave: Signer },
  params: Suite["params"],
  time: Connection["networkHelpers"]["time"],
): Promise<GasSnapshot> {
  const { alice, bob, dave } = voters;
  const gas: GasSnapshot = {};
  const target = await governor.getAddress();
  const calldata = governor.interface.encodeFunctionData("setVotingPeriod", [params.votingPeriod * 2]);
  const description = boundDescription("Double the voting period", alice.address);
  const args = [[target], [0], [calldata], id(description)] as const;
  gas["governor.propose"] = await gasOf(governor.connect(alice).propose([target], [0], [calldata], description));
  const proposalId = await governor.getProposalId(...args);
  await time.increase(params.votingDelay + 1);
  gas["governor.castVote"] = await gasOf(governor.connect(dave).castVote(proposalId, 1));
  gas["governor.castVoteWithReason"] = await gasOf(
    governor.connect(bob).castVoteWithReason(proposalId, 1, "Longer votes let more holders take part."),
  );
  await gasOf(governor.connect(alice).castVote(proposalId, 1));
  await time.increase(params.votingPeriod + params.lateQuorumExtension + 1);
  gas["governor.queue"] = await gasOf(governor.queue(...args));
  await time.increase(params.timelockMinDelay + 1);
  gas["governor.execute"] = await gasOf(governor.execute(...args));
  return gas;
}

export type { Connection };
