// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IIncomeShares} from "../../contracts/interfaces/IIncomeShares.sol";
import {IRoyaltyVaultFactory} from "../../contracts/interfaces/IRoyaltyVaultFactory.sol";
import {RoyaltyVault} from "../../contracts/securitization/RoyaltyVault.sol";
import {PlainIncomeShares} from "./mocks/PlainIncomeShares.sol";
import {SecuritizationFixture} from "./SecuritizationFixture.sol";

/// @notice The IncomeShares base accounting, driven through a royalty vault (its first concrete user): the
/// eligible supply follows renounces and transfers, division remainders are carried (no wei lost), a transfer
/// moves no income, renounced balances earn nothing, and the ERC-20 surface (permit included) works on a clone.
contract IncomeSharesTest is SecuritizationFixture {
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    RoyaltyVault internal vault;

    function setUp() public override {
        super.setUp();
        vault = _securitizeSolo();
    }

    // ---------------------------------------------------------------- transfers

    /// @dev Royalty shares sent to address(0) were lost yet still counted in `totalSupply` (solady's ERC20 allows
    /// it; FractionVault refused it in its own overrides). The rule now lives in IncomeShares' `transfer` and
    /// `transferFrom`, so it holds for every income token: the royalty vault, the bare base, and fractions (which
    /// keep their own error, FractionVaultInvalidRecipient, through the same hook).
    function test_transfer_toTheZeroAddressReverts() public {
        _buy(vault, buyer, SALE);
        bytes memory refused = abi.encodeWithSelector(IIncomeShares.IncomeSharesInvalidRecipient.selector, address(0));
        vm.expectRevert(refused);
        vm.prank(buyer);
        vault.transfer(address(0), 1);
        vm.prank(buyer);
        vault.approve(buyer2, 1);
        vm.expectRevert(refused);
        vm.prank(buyer2);
        vault.transferFrom(buyer, address(0), 1);
        assertEq(vault.balanceOf(buyer), SALE, "nothing moved");

        PlainIncomeShares plain = new PlainIncomeShares(100 ether);
        vm.expectRevert(refused);
        plain.transfer(address(0), 1);
    }

    // ---------------------------------------------------------------- eligible supply

    function test_eligibleSupply_followsRenouncesAndTransfers() public {
        address pool = makeAddr("pool");
        _buy(vault, buyer, SALE);
        _transferShares(vault, creator, pool, 100 ether);
        assertEq(vault.eligibleSupply(), SUPPLY, "between earning accounts: unchanged");
        vm.prank(pool);
        vault.renounceIncome();
        assertEq(vault.eligibleSupply(), SUPPLY - 100 ether, "renounced balance leaves");
        _transferShares(vault, buyer, pool, 50 ether);
        assertEq(vault.eligibleSupply(), SUPPLY - 150 ether, "shares into a renounced account leave");
        _transferShares(vault, pool, buyer2, 30 ether);
        assertEq(vault.eligibleSupply(), SUPPLY - 120 ether, "shares out of it come back");
        _transferShares(vault, pool, pool, 10 ether);
        _transferShares(vault, buyer, buyer, 10 ether);
        assertEq(vault.eligibleSupply(), SUPPLY - 120 ether, "self-transfers change nothing");
        assertEq(vault.balanceOf(pool), 120 ether);
    }

    /// @dev A self-transfer neither settles income away nor creates any.
    function test_selfTransfer_movesNoIncome() public {
        _buy(vault, buyer, SALE);
        _depositETH(solo, 1 ether);
        _transferShares(vault, buyer, buyer, SALE);
        assertEq(vault.claimable(buyer, ETH), 0.19 ether);
        _depositETH(solo, 1 ether);
        assertEq(vault.claimable(buyer, ETH), 0.38 ether);
    }

    // ---------------------------------------------------------------- remainders

    /// @dev Three equal holders, three 1-wei incomes: each third of a wei is carried in the accumulator until
    /// it adds up, and every holder gets exactly 1 wei.
    function test_carry_remaindersAreNeverLost() public {
        RoyaltyVault small = _smallVault(3e18);
        _transferShares(small, coAuthor, buyer, 1e18);
        _transferShares(small, coAuthor, buyer2, 1e18);
        // a 3-wei deposit has no platform part and carves floor(3 x 4,000 x 10,000 / 1e8) = 1 wei
        for (uint256 i; i < 3; ++i) {
            _depositETH(duet, 3);
            small.sync();
        }
        assertEq(address(small).balance, 3);
        assertEq(small.claimable(coAuthor, ETH), 1);
        assertEq(small.claimable(buyer, ETH), 1);
        assertEq(small.claimable(buyer2, ETH), 1);
    }

    /// @dev Any split of the supply and any incomes: the holders' claims never exceed the income, and fall short
    /// of it by less than a wei per holder.
    function testFuzz_carry_holdersGetTheIncomeToTheWei(uint256 a, uint256 b, uint96[4] memory amounts) public {
        a = bound(a, 1, SALE);
        b = bound(b, 0, SUPPLY - SALE);
        _buy(vault, buyer, a);
        _transferShares(vault, creator, buyer2, b);
        uint256 income;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 1, 1_000 ether);
            _depositETH(solo, amount);
            income += _carved(amount - (amount * 500) / 10_000, 10_000, BPS);
            if (i % 2 == 0) vault.sync();
        }
        uint256 owed = vault.claimable(creator, ETH) + vault.claimable(buyer, ETH) + vault.claimable(buyer2, ETH);
        assertLe(owed, income, "never more than came in");
        assertLe(income - owed, 3, "less than a wei per holder short");
    }

    /// @dev A transfer changes neither side's claimable (both settle first), whatever the amounts.
    function testFuzz_transfer_movesNoIncome(uint256 bought, uint256 moved, uint96 amount) public {
        bought = bound(bought, 1, SALE);
        moved = bound(moved, 0, bought);
        _buy(vault, buyer, bought);
        _depositETH(solo, bound(amount, 1, 1_000 ether));
        uint256 buyerBefore = vault.claimable(buyer, ETH);
        uint256 buyer2Before = vault.claimable(buyer2, ETH);
        uint256 creatorBefore = vault.claimable(creator, ETH);
        _transferShares(vault, buyer, buyer2, moved);
        assertEq(vault.claimable(buyer, ETH), buyerBefore);
        assertEq(vault.claimable(buyer2, ETH), buyer2Before);
        assertEq(vault.claimable(creator, ETH), creatorBefore);
    }

    // ---------------------------------------------------------------- renounce

    /// @dev A renounced account forfeits what it earned and did not claim (to the holders who still earn: a pool
    /// cannot claim, and income left with it would be lost), earns nothing on shares it receives later, and has
    /// nothing to claim.
    function test_renounce_forfeitsUnclaimedIncomeAndEarnsNothingAfter() public {
        address pool = makeAddr("pool");
        _transferShares(vault, creator, pool, 100_000 ether);
        _depositETH(solo, 1 ether);
        vault.sync();
        assertEq(vault.claimable(pool, ETH), 0.0475 ether, "earned while it held 10%");
        vm.prank(pool);
        vault.renounceIncome();
        assertEq(vault.claimable(pool, ETH), 0, "forfeited");
        assertApproxEqAbs(vault.claimable(creator, ETH), 0.475 ether, 1, "to the only holder still earning");
        _transferShares(vault, creator, pool, 100_000 ether);
        _depositETH(solo, 1 ether);
        _depositMint(solo, 1_000 ether);
        assertEq(vault.claimable(pool, ETH), 0);
        assertEq(vault.claimable(pool, address(token)), 0);
        assertApproxEqAbs(vault.claimable(creator, ETH), 0.475 ether + 0.475 ether, 1, "the rest to who earns");
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vm.prank(pool);
        vault.claim(pool);
    }

    // ---------------------------------------------------------------- ERC-20 surface on a clone

    /// @dev Permit signs over the clone's own name (set by its initializer, not a constructor).
    function test_permit_worksOnAClone() public {
        _transferShares(vault, creator, alice, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, alice, bob, 10 ether, 0, deadline));
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(vault.name())),
                keccak256("1"),
                block.chainid,
                address(vault)
            )
        );
        assertEq(vault.DOMAIN_SEPARATOR(), domain);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            aliceKey,
            keccak256(abi.encodePacked("\x19\x01", domain, structHash))
        );
        vault.permit(alice, bob, 10 ether, deadline, v, r, s);
        assertEq(vault.allowance(alice, bob), 10 ether);
        assertEq(vault.nonces(alice), 1);
    }

    /// @dev No standing Permit2 allowance: an account approves whom it wants.
    function test_allowance_noPermit2Default() public view {
        assertEq(vault.allowance(creator, 0x000000000022D473030F116dDEE9F6B43aC78BA3), 0);
    }

    function test_distribute_emitsTheIncomeAndTheEligibleSupply() public {
        address pool = makeAddr("pool");
        _transferShares(vault, creator, pool, 250_000 ether);
        vm.prank(pool);
        vault.renounceIncome();
        _depositMint(solo, 1_000 ether);
        vm.expectEmit(address(vault));
        emit IIncomeShares.IncomeDistributed(address(token), 475 ether, SUPPLY - 250_000 ether);
        vault.sync();
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The co-author sells all of its 40% of `duet` to a vault of `supply` units, no sale.
    function _smallVault(uint256 supply) internal returns (RoyaltyVault) {
        IRoyaltyVaultFactory.SecuritizeParams memory params = _params(duet);
        (params.supply, params.saleAmount, params.bps) = (supply, 0, 10_000);
        return _securitize(coAuthor, params);
    }
}
