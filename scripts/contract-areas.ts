// The areas that hold Solidity (`<area>/contracts`, `<area>/test`): what the compile stages, the bindings, the devnet's
// freshness check and solhint all walk. hardhat.config.ts lists the same folders as its sources.
export const CONTRACT_AREAS = ["governance", "protocol", "bridge"] as const;
