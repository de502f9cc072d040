// The governance CLI's context: the kit's chain context plus the governor, MINT and the timelock of the deployment,
// checked to be on the chain.
import {
  type FlyGovernor,
  FlyGovernor__factory,
  type FlyTimelock,
  FlyTimelock__factory,
  type MintToken,
  MintToken__factory,
} from "@flyaimusic/bindings";
import { type ChainContext, requireDeployedCode } from "@flyaimusic/kit/cli/context.ts";

export interface Context extends ChainContext {
  governor: FlyGovernor;
  token: MintToken;
  timelock: FlyTimelock;
}

export async function governanceContext(base: ChainContext): Promise<Context> {
  const governor = await requireDeployedCode(base, "FlyGovernor");
  const { contracts } = base.deployment;
  return {
    ...base,
    governor: FlyGovernor__factory.connect(governor, base.provider),
    token: MintToken__factory.connect(contracts.MintToken.address, base.provider),
    timelock: FlyTimelock__factory.connect(contracts.FlyTimelock.address, base.provider),
  };
}
