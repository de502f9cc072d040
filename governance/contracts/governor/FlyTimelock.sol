// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title FlyTimelock
/// @notice The DAO's treasury and the owner of every protocol parameter: OpenZeppelin's TimelockController, unchanged.
/// The deploy makes the governor its only proposer and canceller, lets anyone execute, and renounces the deployer's
/// admin role, so only a passed proposal (after `getMinDelay()` seconds) can act through it.
contract FlyTimelock is TimelockController {
    /// @param minDelay seconds between queue and execute
    /// @param proposers accounts allowed to schedule (the governor)
    /// @param executors accounts allowed to execute; [address(0)] lets anyone execute
    /// @param admin temporary admin used during deploy wiring, renounced before the deploy ends
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
