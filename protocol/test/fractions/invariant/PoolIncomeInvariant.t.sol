// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PoolFactory} from "../../../contracts/pools/PoolFactory.sol";
import {FractionsFixture} from "../FractionsFixture.sol";
import {PoolIncomeHandler} from "./PoolIncomeHandler.sol";

/// @notice A pool never accrues income, whatever happens at its address before and after it exists (see
/// PoolIncomeHandler: donations to the pool's CREATE2 address, income waiting at the splitter, the pool created at
/// any point, skims, transfers, claims):
/// - once created, the pool renounced and nothing is claimable by it, ever (it cannot claim: income it kept would
///   be lost to every holder);
/// - no income lost: what the holders claimed plus what they can claim (plus, before the pool exists, what its
///   address can) is all the income the vault received or can collect, within a wei per settlement and per
///   holder, and never more;
/// - the eligible supply is the supply minus the pool's balance.
contract PoolIncomeInvariantTest is FractionsFixture {
    PoolIncomeHandler internal handler;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
        PoolFactory factory = new PoolFactory(address(timelock));
        address[] memory holders = new address[](4);
        (holders[0], holders[1], holders[2], holders[3]) = (collector, alice, bob, carol);
        handler = new PoolIncomeHandler(vault, factory, IERC20(address(token)), holders);
        vm.prank(alice);
        assertTrue(token.transfer(address(handler), ALICE_AMOUNT / 2), "fund handler");

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](10);
        actions[0] = PoolIncomeHandler.donate.selector;
        actions[1] = PoolIncomeHandler.depositETH.selector;
        actions[2] = PoolIncomeHandler.depositMint.selector;
        actions[3] = PoolIncomeHandler.sync.selector;
        actions[4] = PoolIncomeHandler.createPool.selector;
        actions[5] = PoolIncomeHandler.skim.selector;
        actions[6] = PoolIncomeHandler.transfer.selector;
        actions[7] = PoolIncomeHandler.claim.selector;
        // donations and deposits twice as likely: they are the attack
        actions[8] = PoolIncomeHandler.donate.selector;
        actions[9] = PoolIncomeHandler.depositETH.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_handlerChecksHeld() public view {
        assertEq(handler.violation(), "", "handler check failed");
    }

    function invariant_aPoolNeverAccruesIncome() public view {
        address pool = handler.pool();
        if (pool == address(0)) return;
        assertTrue(vault.incomeRenounced(pool), "renounced");
        address[2] memory assets = handler.assets();
        for (uint256 a; a < 2; ++a) assertEq(vault.claimable(pool, assets[a]), 0, "nothing claimable by the pool");
    }

    function invariant_noIncomeLost() public view {
        address[] memory actors = handler.actors();
        address[2] memory assets = handler.assets();
        bool poolExists = handler.pool() != address(0);
        for (uint256 a; a < 2; ++a) {
            address asset = assets[a];
            uint256 owed = handler.ghostClaimedTotal(asset);
            for (uint256 i; i < actors.length; ++i) owed += vault.claimable(actors[i], asset);
            // before the pool exists its address is just a holder, and earns like one
            if (!poolExists) owed += vault.claimable(handler.predicted(), asset);
            uint256 income = handler.income(asset);
            assertLe(owed, income, "never more than came in");
            // rounding: a wei per settlement, and each account's `claimable` is rounded down (the pool's address too)
            assertLe(income - owed, handler.ghostSettlements() + actors.length + 2, "nothing lost beyond rounding");
        }
    }

    function invariant_eligibleSupplyExcludesThePool() public view {
        address pool = handler.pool();
        uint256 inPool = pool == address(0) ? 0 : vault.balanceOf(pool);
        assertEq(vault.eligibleSupply(), SUPPLY - inPool);
    }
}
