// The suite's parameters: each area's own (governance, music, DeFi), checked by each area's rules. Real networks
// take theirs from a JSON file (governance/deploy/networks/*.json); the devnet uses the governance's short periods.
import { readFileSync } from "node:fs";
import {
  DEVNET_GOVERNANCE_PERIODS,
  GOVERNANCE_DEFAULTS,
  type GovernanceParams,
  governanceProblems,
} from "@flyaimusic/governance/deploy/params.ts";
import { DEFI_DEFAULTS, type DefiParams, defiProblems } from "@flyaimusic/protocol/deploy/defi-params.ts";
import {
  DEVNET_COMMIT_TIMING,
  MUSIC_DEFAULTS,
  type MusicParams,
  musicProblems,
} from "@flyaimusic/protocol/deploy/params.ts";

export { DEMO_GENESIS } from "@flyaimusic/governance/deploy/params.ts";

export interface SuiteParams extends GovernanceParams {
  /** The music core's parameters (protocol/deploy/params.ts). */
  music: MusicParams;
  /** The DeFi suite's parameters (protocol/deploy/defi-params.ts). */
  defi: DefiParams;
}

/** Production defaults (mainnet-like): the numbers a DAO of this size commonly starts with. */
export const PRODUCTION_DEFAULTS: Omit<SuiteParams, "genesis"> = {
  ...GOVERNANCE_DEFAULTS,
  music: MUSIC_DEFAULTS,
  defi: DEFI_DEFAULTS,
};

/** Devnet: the same shape with periods short enough to walk through by hand. */
export function devnetParams(holders: { address: string; label: string; amount: string }[]): SuiteParams {
  return {
    ...PRODUCTION_DEFAULTS,
    ...DEVNET_GOVERNANCE_PERIODS,
    music: { ...PRODUCTION_DEFAULTS.music, ...DEVNET_COMMIT_TIMING },
    genesis: holders.map((h) => ({ holder: h.address, amount: h.amount, label: h.label })),
  };
}

/** Reads and checks a parameter file; every problem is reported with the field name. */
export function loadParams(path: string): SuiteParams {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read governance parameters from ${path}: ${(error as Error).message}`, { cause: error });
  }
  const given = raw as Partial<SuiteParams>;
  const params = {
    ...PRODUCTION_DEFAULTS,
    ...given,
    music: { ...MUSIC_DEFAULTS, ...given.music },
    defi: {
      staking: { ...DEFI_DEFAULTS.staking, ...given.defi?.staking },
      rewards: { ...DEFI_DEFAULTS.rewards, ...given.defi?.rewards },
      securitization: { ...DEFI_DEFAULTS.securitization, ...given.defi?.securitization },
    },
  } as SuiteParams;
  validateParams(params);
  return params;
}

/** Throws one error that names every problem of every area's parameters. */
export function validateParams(params: SuiteParams): void {
  const problems = [...governanceProblems(params), ...musicProblems(params.music), ...defiProblems(params.defi)];
  if (problems.length > 0) throw new Error(`invalid governance parameters:\n  - ${problems.join("\n  - ")}`);
}
