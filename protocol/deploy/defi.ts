// Deploy steps of the DeFi suite: the NFT staking vault, the pool factory and router, the fractionalizer and the
// royalty-vault factory. Runs while the deployer still owns the splitter (the royalty-vault factory must be made a
// stream registrar), before `handMusicToTimelock`; whatever the deployer owns here goes to the timelock in
// `handDefiToTimelock`.
import {
  type Fractionalizer,
  Fractionalizer__factory,
  type NFTStakingVault,
  NFTStakingVault__factory,
  type PoolFactory,
  PoolFactory__factory,
  type RewardsDistributor,
  RewardsDistributor__factory,
  type RoyaltyVaultFactory,
  RoyaltyVaultFactory__factory,
  type Router,
  Router__factory,
} from "@flyaimusic/bindings";
import type { DeployContext } from "@flyaimusic/kit/deploy/context.ts";
import { parseEther } from "ethers";
import type { DefiParams } from "./defi-params.ts";
import type { MusicContracts } from "./music.ts";

export const DEFI_STEPS = 6;

export interface DefiContracts {
  staking: NFTStakingVault;
  poolFactory: PoolFactory;
  router: Router;
  fractionalizer: Fractionalizer;
  royaltyVaults: RoyaltyVaultFactory;
  rewards: RewardsDistributor;
}

export async function deployDefi(
  ctx: DeployContext,
  params: DefiParams,
  music: MusicContracts,
  addresses: { timelock: string; mintToken: string },
): Promise<DefiContracts> {
  const { signer, deployer } = ctx;
  const musicAddress = await music.music.getAddress();

  ctx.progress("NFTStakingVault");
  // owned by the deployer until the keeper is set
  const staking = await ctx.deployed(
    "NFTStakingVault",
    await new NFTStakingVault__factory(signer).deploy(
      deployer,
      musicAddress,
      addresses.mintToken,
      parseEther(params.staking.maxRewardRate),
      params.staking.tierWeights.map((t) => t.tier),
      params.staking.tierWeights.map((t) => t.weight),
    ),
  );
  if (params.staking.keeper) await ctx.sent(staking.setKeeper(params.staking.keeper), "staking keeper");

  ctx.progress("PoolFactory (owned by the timelock) and Router");
  const poolFactory = await ctx.deployed(
    "PoolFactory",
    await new PoolFactory__factory(signer).deploy(addresses.timelock),
  );
  const router = await ctx.deployed("Router", await new Router__factory(signer).deploy(await poolFactory.getAddress()));

  ctx.progress("Fractionalizer (owned by the timelock; deploys the FractionVault implementation)");
  const fractionalizer = await ctx.deployed(
    "Fractionalizer",
    await new Fractionalizer__factory(signer).deploy(
      addresses.timelock,
      musicAddress,
      await music.splitter.getAddress(),
      addresses.mintToken,
    ),
  );

  ctx.progress("RoyaltyVaultFactory (owned by the timelock), a stream registrar of the splitter");
  const { securitization } = params;
  const royaltyVaults = await ctx.deployed(
    "RoyaltyVaultFactory",
    await new RoyaltyVaultFactory__factory(signer).deploy(
      addresses.timelock,
      await music.splitter.getAddress(),
      addresses.mintToken,
      securitization.minTermDays * 86_400,
      securitization.maxTermDays * 86_400,
      parseEther(securitization.maxSupply),
    ),
  );
  await ctx.sent(
    music.splitter.setStreamRegistrar(await royaltyVaults.getAddress(), true),
    "royalty vault factory as stream registrar",
  );

  ctx.progress("RewardsDistributor (owned by the timelock; MINT comes from a budget the DAO grants)");
  const zero = "0x0000000000000000000000000000000000000000";
  const rewards = await ctx.deployed(
    "RewardsDistributor",
    await new RewardsDistributor__factory(signer).deploy(
      addresses.timelock,
      addresses.mintToken,
      params.rewards.keeper ?? zero,
      params.rewards.guardian ?? zero,
      params.rewards.challengeWindowHours * 3600,
      parseEther(params.rewards.epochBudget),
    ),
  );
  return { staking, poolFactory, router, fractionalizer, royaltyVaults, rewards };
}

/** Hands what the deployer still owns of the DeFi suite to the timelock. */
export async function handDefiToTimelock(ctx: DeployContext, contracts: DefiContracts, timelock: string) {
  ctx.progress("DeFi suite: the timelock owns every parameter");
  await ctx.sent(contracts.staking.transferOwnership(timelock), "staking vault ownership");
}
