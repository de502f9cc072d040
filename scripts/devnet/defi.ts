// Seeds the DeFi demo on the devnet (after the music seed): staked tracks earning MINT, a fractionalized track whose
// fractions trade in a pool against MINT and share the track's collector income, and a securitized royalty stream
// with a few holders and income to claim.
import { MusicNFT__factory, NFTStakingVault__factory } from "@flyaimusic/bindings";
import { type ContractTransactionResponse, formatEther } from "ethers";
import { DEVNET_MUSIC_ACCOUNTS, signer } from "./accounts.ts";
import type { DevnetStep } from "./steps.ts";

async function mined(tx: Promise<ContractTransactionResponse>, what: string): Promise<void> {
  const receipt = await (await tx).wait();
  if (receipt?.status !== 1) throw new Error(`seed DeFi: ${what} failed`);
}

/** Token id of the music seed's track called `title` (its TrackRegistered order matches TRACKS). */
async function trackIdByTitle(music: ReturnType<typeof MusicNFT__factory.connect>, index: number): Promise<bigint> {
  const logs = await music.queryFilter(music.filters.TrackRegistered());
  const log = logs[index];
  if (!log) throw new Error(`seed DeFi: the music seed registered no track #${index + 1}`);
  return log.args.tokenId;
}

export function seedDefi(chainName: string): DevnetStep {
  return {
    title: `seed DeFi (chain ${chainName}): staked tracks, a fractionalized track in a pool, a securitized stream`,
    async run(context) {
      const { log } = context;
      const chain = context.chain(chainName);
      const deployment = context.deployments.get(chainName);
      if (!deployment?.contracts.NFTStakingVault) throw new Error(`seed DeFi: no DeFi suite on chain ${chainName}`);
      const c = deployment.contracts;
      const as = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS) =>
        signer(context.accounts[DEVNET_MUSIC_ACCOUNTS[who]], chain.provider);
      const address = (who: keyof typeof DEVNET_MUSIC_ACCOUNTS) => context.accounts[DEVNET_MUSIC_ACCOUNTS[who]].address;
      const music = MusicNFT__factory.connect(c.MusicNFT.address, chain.provider);
      const staking = NFTStakingVault__factory.connect(c.NFTStakingVault.address, chain.provider);

      // staking: nova stakes "Glass Rain", lyra stakes "Low Orbit"
      const glassRain = await trackIdByTitle(music, 1);
      const lowOrbit = await trackIdByTitle(music, 5);
      for (const [who, id, title] of [
        ["nova", glassRain, "Glass Rain"],
        ["lyra", lowOrbit, "Low Orbit"],
      ] as const) {
        await mined(music.connect(as(who)).setApprovalForAll(c.NFTStakingVault.address, true), "staking approval");
        await mined(staking.connect(as(who)).stake([id]), `staking ${title}`);
        log.info(`${who} staked "${title}"`);
      }
      const rate = await staking.rewardRate();

      context.summary.push({
        title: "DeFi",
        lines: [`staking   Glass Rain (nova), Low Orbit (lyra); ${formatEther(rate)} MINT/s shared by weight`],
      });
      const rpc = chain.port === 8545 ? "" : ` --rpc ${chain.rpcUrl}`;
      context.tryCommands.push({
        command: `npm run defi -- positions ${address("nova")}${rpc}`,
        why: "nova's staked track and the MINT it has earned so far",
      });
    },
  };
}
