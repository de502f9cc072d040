// Seeds the DeFi demo on the devnet (after the music seed): staked tracks earning MINT, a fractionalized track whose
// fractions trade in a pool against MINT and share the track's collector income, and a securitized royalty stream
// with a few holders and income to claim.
import {
  Fractionalizer__factory,
  FractionVault__factory,
  Marketplace__factory,
  MintToken__factory,
  MusicNFT__factory,
  NFTStakingVault__factory,
  Pool__factory,
  PoolFactory__factory,
  RoyaltySplitter__factory,
  RoyaltyVault__factory,
  RoyaltyVaultFactory__factory,
  Router__factory,
} from "@flyaimusic/bindings";
import { type ContractTransactionResponse, formatEther, parseEther, ZeroAddress } from "ethers";
import { DEVNET_MUSIC_ACCOUNTS, signer } from "./accounts.ts";
import { registerDemoTrack } from "./music.ts";
import type { DevnetStep } from "./steps.ts";

/** Account 5 stands in for a streaming service paying revenue into the split (the keeper's job later). */
const STREAMING_SERVICE = 5;

async function mined(tx: Promise<ContractTransactionResponse>, what: string): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt?.status !== 1) throw new Error(`seed DeFi: ${what} failed`);
}

function whole(units: bigint): string {
  return Number(formatEther(units)).toLocaleString("en-US", { maximumFractionDigits: 4 });
}

export function seedDefi(chainName: string): DevnetStep {
  return {
    title: `seed DeFi (chain ${chainName}): staked tracks, a fractionalized track in a pool, a securitized stream`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment?.contracts.Fractionalizer) throw new Error(`seed DeFi: no DeFi suite on chain ${chainName}`);
      const c = deployment.contracts;
      const as = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS) =>
        signer(context.accounts[DEVNET_MUSIC_ACCOUNTS[who]], chain.provider);
      const address = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS) => context.accounts[DEVNET_MUSIC_ACCOUNTS[who]].address;
      const alice = signer(context.accounts[1], chain.provider);
      const streaming = signer(context.accounts[STREAMING_SERVICE], chain.provider);
      const music = MusicNFT__factory.connect(c.MusicNFT.address, chain.provider);
      const market = Marketplace__factory.connect(c.Marketplace.address, chain.provider);
      const splitter = RoyaltySplitter__factory.connect(c.RoyaltySplitter.address, chain.provider);
      const token = MintToken__factory.connect(c.MintToken.address, chain.provider);
      const staking = NFTStakingVault__factory.connect(c.NFTStakingVault.address, chain.provider);
      const fractionalizer = Fractionalizer__factory.connect(c.Fractionalizer.address, chain.provider);
      const router = Router__factory.connect(c.Router.address, chain.provider);
      const poolFactory = PoolFactory__factory.connect(c.PoolFactory.address, chain.provider);
      const registered = await music.queryFilter(music.filters.TrackRegistered());
      const trackId = (index: number) => registered[index].args.tokenId;
      const now = async () => BigInt((await chain.provider.getBlock("latest"))?.timestamp ?? 0);

      // ---- staking: nova stakes "Glass Rain", lyra stakes "Low Orbit" (pro tier weighs 3x; both are basic)
      for (const [who, id, title] of [
        ["nova", trackId(1), "Glass Rain"],
        ["lyra", trackId(5), "Low Orbit"],
      ] as const) {
        await mined(music.connect(as(who)).setApprovalForAll(c.NFTStakingVault.address, true), "staking approval");
        await mined(staking.connect(as(who)).stake([id]), `staking ${title}`);
        log.info(`${who} staked "${title}" in the NFT staking vault`);
      }

      // ---- fractions: echo releases "Afterglow"; kim buys the first copy (its collector), fractionalizes it and
      // hands the collector role to the vault; the fractions trade against MINT in a pool
      const afterglow = await registerDemoTrack(
        context,
        chainName,
        { title: "Afterglow", creator: "echo", tier: 0, genre: "chillwave" },
        7,
      );
      const price = parseEther("0.2");
      await mined(market.connect(as("echo")).list(afterglow, ZeroAddress, price, (await now()) + 86_400n), "listing");
      await mined(market.connect(as("kim")).buy(afterglow, price, address("rio"), { value: price }), "first sale");
      log.info('kim bought "Afterglow" from echo for 0.2 ETH (rio referred her): kim is its initial collector');

      const supply = parseEther("1000000");
      await mined(music.connect(as("kim")).setApprovalForAll(c.Fractionalizer.address, true), "approval");
      await mined(
        fractionalizer
          .connect(as("kim"))
          .fractionalize(afterglow, supply, parseEther("5"), "Afterglow Fractions", "AFTR"),
        "fractionalize",
      );
      const vaultAddress = await fractionalizer.vaultOf(afterglow);
      const fractions = FractionVault__factory.connect(vaultAddress, chain.provider);
      await mined(splitter.connect(as("kim")).transferCollectorRole(afterglow, vaultAddress), "collector role");
      log.info(`kim fractionalized "Afterglow" into 1,000,000 AFTR (buyout reserve 5 ETH) at ${vaultAddress}`);
      log.info("kim handed the track's collector role to the vault: AFTR holders share its collector income");

      const mintAddress = c.MintToken.address;
      for (const [who, amount] of [
        ["kim", "20000"],
        ["sam", "5000"],
      ] as const) {
        await mined(token.connect(alice).transfer(address(who), parseEther(amount)), `MINT for ${who}`);
        await mined(token.connect(as(who)).approve(c.Router.address, parseEther(amount)), "router approval");
      }
      await mined(fractions.connect(as("kim")).approve(c.Router.address, supply), "router approval");
      const deadline = (await now()) + 3_600n;
      // minimums 0.5% below the amounts: a deposit moved by a front-run swap is refused, not made at its price
      const withSlippage = (amount: bigint) => (amount * 995n) / 1_000n;
      await mined(
        router.connect(as("kim")).addLiquidity({
          tokenA: vaultAddress,
          tokenB: mintAddress,
          amountADesired: parseEther("400000"),
          amountBDesired: parseEther("20000"),
          amountAMin: withSlippage(parseEther("400000")),
          amountBMin: withSlippage(parseEther("20000")),
          to: address("kim"),
          deadline,
        }),
        "liquidity",
      );
      const poolAddress = await poolFactory.getPool(vaultAddress, mintAddress);
      log.info(`kim added 400,000 AFTR + 20,000 MINT to the AFTR/MINT pool at ${poolAddress} (0.05 MINT per AFTR)`);
      const [quoted] = (await router.getAmountsOut(parseEther("2000"), [mintAddress, vaultAddress])).slice(1);
      await mined(
        router
          .connect(as("sam"))
          .swapExactTokensForTokens(
            parseEther("2000"),
            (quoted * 99n) / 100n,
            [mintAddress, vaultAddress],
            address("sam"),
            deadline,
          ),
        "swap",
      );
      log.info(`sam swapped 2,000 MINT for ${whole(quoted)} AFTR through the router`);

      await mined(splitter.connect(streaming).depositETH(afterglow, { value: parseEther("1") }), "revenue");
      log.info('a streaming payout of 1 ETH for "Afterglow" arrived: 0.1 ETH of it is the fraction holders\'');

      // ---- royalty shares: nova sells 25% of her creator cut of "Night Drive" for a year as 1,000 NITE shares,
      // 600 of them for sale at a fixed 0.001 ETH per share; sam, kim and bob buy some
      const nightDrive = trackId(0);
      const royaltyVaults = RoyaltyVaultFactory__factory.connect(c.RoyaltyVaultFactory.address, chain.provider);
      const sharePrice = parseEther("0.001");
      await mined(
        royaltyVaults.connect(as("nova")).securitize({
          tokenId: nightDrive,
          bps: 2_500,
          term: 365 * 86_400,
          supply: parseEther("1000"),
          saleAmount: parseEther("600"),
          startPrice: sharePrice,
          endPrice: sharePrice,
          saleDuration: 0,
          curve: 0,
          name: "Night Drive Royalty Shares",
          symbol: "NITE",
        }),
        "securitize",
      );
      const [royaltyVaultAddress] = (await royaltyVaults.vaultsOf(nightDrive)).slice(-1);
      const shares = RoyaltyVault__factory.connect(royaltyVaultAddress, chain.provider);
      log.info(`nova sold 25% of her cut of "Night Drive" for a year: 1,000 NITE at ${royaltyVaultAddress}`);
      const bob = signer(context.accounts[2], chain.provider);
      for (const [buyer, name, amount] of [
        [as("sam"), "sam", "200"],
        [as("kim"), "kim", "150"],
        [bob, "bob", "100"],
      ] as const) {
        const [, cost] = await shares.quote(parseEther(amount));
        await mined(shares.connect(buyer).buy(parseEther(amount), sharePrice, { value: cost }), `${name}'s shares`);
        log.info(`${name} bought ${amount} NITE for ${formatEther(cost)} ETH`);
      }
      await mined(splitter.connect(streaming).depositETH(nightDrive, { value: parseEther("2") }), "revenue");
      const carved = await splitter.streamOwed(royaltyVaultAddress, ZeroAddress);
      log.info(
        `a streaming payout of 2 ETH for "Night Drive" arrived: ${formatEther(carved)} ETH of it is the NITE holders'`,
      );

      // ---- summary
      const pool = Pool__factory.connect(poolAddress, chain.provider);
      const [r0, r1] = await pool.getReserves();
      const [fractionReserve, mintReserve] = (await pool.token0()) === vaultAddress ? [r0, r1] : [r1, r0];
      const rate = await staking.rewardRate();
      context.summary.push({
        title: "DeFi",
        lines: [
          `staking   Glass Rain (nova), Low Orbit (lyra); ${formatEther(rate)} MINT/s shared by weight`,
          `fractions Afterglow -> 1,000,000 AFTR ${vaultAddress}; kim, sam and the pool hold them; reserve 5 ETH`,
          `pool      AFTR/MINT ${poolAddress}: ${whole(fractionReserve)} AFTR + ${whole(mintReserve)} MINT`,
          `shares    Night Drive: 25% of nova's cut for a year -> 1,000 NITE ${royaltyVaultAddress}`,
          `          held by nova 550, sam 200, kim 150, bob 100; ${formatEther(carved)} ETH of income to claim`,
        ],
      });
      const rpc = chain.port === 8545 ? "" : ` --rpc ${chain.rpcUrl}`;
      context.tryCommands.push(
        {
          command: `npm run defi -- positions ${address("sam")}${rpc}`,
          why: "sam's fractions (with income to claim) and royalty shares",
        },
        { command: `npm run defi -- pools${rpc}`, why: "the AFTR/MINT pool: reserves and price" },
        {
          command: `npm run defi -- claim-income ${vaultAddress} --account ${DEVNET_MUSIC_ACCOUNTS.kim}${rpc}`,
          why: "kim claims her share of Afterglow's collector income (ETH)",
        },
        {
          command: `npm run defi -- claim-income ${royaltyVaultAddress} --account ${DEVNET_MUSIC_ACCOUNTS.sam}${rpc}`,
          why: "sam claims his 20% of the NITE income (Night Drive's royalty stream)",
        },
        {
          command: `npm run defi -- positions ${address("nova")}${rpc}`,
          why: "nova's staked track and the MINT it has earned so far",
        },
      );
    },
  };
}
