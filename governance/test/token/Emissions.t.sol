// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IMintToken} from "../../contracts/interfaces/IMintToken.sol";
import {MintToken} from "../../contracts/token/MintToken.sol";
import {GovernanceFixture} from "../GovernanceFixture.sol";

/// @notice Supply after genesis grows only out of emissions budgets the owner (the timelock) grants, and never above
/// the cap.
contract EmissionsTest is GovernanceFixture {
    address internal minter;

    function setUp() public override {
        super.setUp();
        minter = makeAddr("minter"); // e.g. a rewards contract
    }

    // ---------------------------------------------------------------- budgets

    function test_setEmissionsBudget_byOwner() public {
        vm.expectEmit(address(token));
        emit IMintToken.EmissionsBudgetSet(minter, 1_000_000 ether);
        _setBudget(1_000_000 ether);
        assertEq(token.emissionsBudget(minter), 1_000_000 ether);
    }

    function testFuzz_setEmissionsBudget_revertsForNonOwner(address caller) public {
        vm.assume(caller != address(timelock));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
        vm.prank(caller);
        token.setEmissionsBudget(caller, 1);
    }

    /// @dev A new budget replaces the old one (it does not add to it), so the DAO can also revoke a budget.
    function test_setEmissionsBudget_replacesEarlierBudget() public {
        _setBudget(1_000_000 ether);
        _setBudget(10 ether);
        assertEq(token.emissionsBudget(minter), 10 ether);
        _setBudget(0);
        vm.expectRevert(abi.encodeWithSelector(IMintToken.MintTokenEmissionsBudgetExceeded.selector, minter, 1, 0));
        vm.prank(minter);
        token.mint(eve, 1);
    }

    // ---------------------------------------------------------------- mint

    function test_mint_spendsBudget() public {
        _setBudget(1_000_000 ether);
        vm.expectEmit(address(token));
        emit IMintToken.EmissionsMinted(minter, eve, 400_000 ether, 600_000 ether);
        vm.prank(minter);
        token.mint(eve, 400_000 ether);

        assertEq(token.emissionsBudget(minter), 600_000 ether);
        assertEq(token.balanceOf(eve), 400_000 ether);
        assertEq(token.totalSupply(), GENESIS_SUPPLY + 400_000 ether);
        assertEq(token.getVotes(eve), 400_000 ether); // minted tokens vote by default like any others
    }

    function test_mint_wholeBudget() public {
        _setBudget(1_000_000 ether);
        vm.prank(minter);
        token.mint(eve, 1_000_000 ether);
        assertEq(token.emissionsBudget(minter), 0);
    }

    function test_mint_revertsOverBudget() public {
        _setBudget(1_000_000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMintToken.MintTokenEmissionsBudgetExceeded.selector,
                minter,
                1_000_000 ether + 1,
                1_000_000 ether
            )
        );
        vm.prank(minter);
        token.mint(eve, 1_000_000 ether + 1);
    }

    function test_mint_revertsWithoutBudget() public {
        vm.expectRevert(abi.encodeWithSelector(IMintToken.MintTokenEmissionsBudgetExceeded.selector, eve, 1 ether, 0));
        vm.prank(eve);
        token.mint(eve, 1 ether);
    }

    /// @dev The owner has no implicit budget: the treasury mints through a budget like anyone else.
    function test_mint_revertsForOwnerWithoutBudget() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMintToken.MintTokenEmissionsBudgetExceeded.selector, address(timelock), 1, 0)
        );
        vm.prank(address(timelock));
        token.mint(eve, 1);
    }

    function testFuzz_mint_withinBudget(uint256 budget, uint256 amount) public {
        budget = bound(budget, 0, MAX_SUPPLY - GENESIS_SUPPLY);
        amount = bound(amount, 0, MAX_SUPPLY - GENESIS_SUPPLY);
        _setBudget(budget);
        if (amount > budget) {
            vm.expectRevert(
                abi.encodeWithSelector(IMintToken.MintTokenEmissionsBudgetExceeded.selector, minter, amount, budget)
            );
        }
        vm.prank(minter);
        token.mint(eve, amount);
        if (amount <= budget) {
            assertEq(token.emissionsBudget(minter), budget - amount);
            assertEq(token.totalSupply(), GENESIS_SUPPLY + amount);
        } else {
            assertEq(token.totalSupply(), GENESIS_SUPPLY);
        }
    }

    // ---------------------------------------------------------------- the cap

    function test_mint_upToTheCap() public {
        _setBudget(MAX_SUPPLY);
        vm.prank(minter);
        token.mint(eve, MAX_SUPPLY - GENESIS_SUPPLY);
        assertEq(token.totalSupply(), MAX_SUPPLY);
    }

    /// @dev A budget larger than the room under the cap does not lift the cap; the failed mint spends no budget.
    function test_mint_revertsAboveTheCap() public {
        _setBudget(MAX_SUPPLY);
        uint256 room = MAX_SUPPLY - GENESIS_SUPPLY;
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, MAX_SUPPLY + 1, MAX_SUPPLY));
        vm.prank(minter);
        token.mint(eve, room + 1);
        assertEq(token.emissionsBudget(minter), MAX_SUPPLY);
        assertEq(token.totalSupply(), GENESIS_SUPPLY);
    }

    function test_mint_revertsToZeroAddress() public {
        _setBudget(1 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(minter);
        token.mint(address(0), 1 ether);
    }

    function test_mint_toOptedOutAccountCarriesNoVotes() public {
        _setBudget(1 ether);
        vm.prank(eve);
        token.delegate(address(0));
        vm.prank(minter);
        token.mint(eve, 1 ether);
        assertEq(token.getVotes(eve), 0);
        assertEq(token.balanceOf(eve), 1 ether);
    }

    function test_mint_checkpointsTotalSupply() public {
        _setBudget(10 ether);
        uint256 before = block.timestamp;
        skip(10);
        vm.prank(minter);
        token.mint(eve, 10 ether);
        skip(1);
        assertEq(token.getPastTotalSupply(before), GENESIS_SUPPLY);
        assertEq(token.getPastTotalSupply(block.timestamp - 1), GENESIS_SUPPLY + 10 ether);
    }

    // ---------------------------------------------------------------- genesis

    function test_constructor_revertsOnLengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(IMintToken.MintTokenGenesisLengthMismatch.selector, 2, 1));
        new MintToken(address(timelock), MAX_SUPPLY, new address[](2), new uint256[](1));
    }

    function test_constructor_revertsAboveTheCap() public {
        address[] memory holders = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (holders[0], amounts[0]) = (alice, 600 ether);
        (holders[1], amounts[1]) = (bob, 500 ether);
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, 1_100 ether, 1_000 ether));
        new MintToken(address(timelock), 1_000 ether, holders, amounts);
    }

    function test_constructor_revertsForZeroCap() public {
        vm.expectRevert(abi.encodeWithSelector(ERC20Capped.ERC20InvalidCap.selector, 0));
        new MintToken(address(timelock), 0, new address[](0), new uint256[](0));
    }

    function test_constructor_revertsForZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new MintToken(address(0), MAX_SUPPLY, new address[](0), new uint256[](0));
    }

    function _setBudget(uint256 budget) internal {
        vm.prank(address(timelock)); // the owner; in production this is a passed proposal (see QueueExecute.t.sol)
        token.setEmissionsBudget(minter, budget);
    }
}
