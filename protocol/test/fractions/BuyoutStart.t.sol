// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFractionVault} from "../../contracts/interfaces/IFractionVault.sol";
import {FractionsFixture} from "./FractionsFixture.sol";

/// @notice Starting a buyout: a bid for the whole NFT at or above the reserve, paid exactly in ETH for every
/// fraction the bidder does not put in (rounded up), one at a time.
contract BuyoutStartTest is FractionsFixture {
    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
    }

    function test_startBuyout_recordsTheBidAndEscrowsTheDeposit() public {
        vm.expectEmit(address(vault));
        emit IFractionVault.BuyoutStarted(1, bidder, 20 ether, 0, 20 ether, block.timestamp + WINDOW);
        uint256 deposit = _bid(bidder, 20 ether, 0);
        assertEq(deposit, 20 ether, "no fractions in: the whole price");
        IFractionVault.Buyout memory b = vault.buyout();
        assertEq(b.id, 1);
        assertEq(b.bidder, bidder);
        assertEq(b.end, block.timestamp + WINDOW);
        assertEq(b.price, 20 ether);
        assertEq(b.deposit, 20 ether);
        assertEq(b.fractionsIn, 0);
        assertEq(b.objections, 0);
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Live));
        assertEq(address(vault).balance, 20 ether);
        assertEq(vault.escrowedETH(), 20 ether);
        assertEq(vault.objectionsToFail(), 500 ether, "half of the 1,000 contested fractions");
    }

    /// @dev A holder bidding with its 400 fractions pays for the other 600 only, and its fractions are escrowed.
    function test_startBuyout_withFractionsPaysForTheRest() public {
        uint256 deposit = _bid(collector, 20 ether, 400 ether);
        assertEq(deposit, 12 ether, "600 / 1,000 of 20 ETH");
        assertEq(vault.balanceOf(collector), 0);
        assertEq(vault.balanceOf(address(vault)), 400 ether, "escrowed");
        assertEq(vault.buyout().fractionsIn, 400 ether);
        assertEq(vault.objectionsToFail(), 300 ether, "half of the 600 contested fractions");
        assertEq(vault.eligibleSupply(), 600 ether, "escrowed fractions earn nothing");
    }

    function test_startBuyout_atExactlyTheReserve() public {
        _bid(bidder, RESERVE, 0);
        assertEq(vault.buyout().price, RESERVE);
    }

    function test_startBuyout_revertsBelowTheReserve() public {
        vm.prank(bidder);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultPriceBelowReserve.selector, RESERVE - 1, RESERVE)
        );
        vault.startBuyout{value: RESERVE - 1}(RESERVE - 1, 0);
    }

    /// @dev The error tells the bidder the exact amount required.
    function test_startBuyout_revertsWithTheRequiredAmountWhenTheDepositIsWrong() public {
        vm.startPrank(collector);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultWrongDeposit.selector, 12 ether - 1, 12 ether)
        );
        vault.startBuyout{value: 12 ether - 1}(20 ether, 400 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultWrongDeposit.selector, 12 ether + 1, 12 ether)
        );
        vault.startBuyout{value: 12 ether + 1}(20 ether, 400 ether);
        vm.stopPrank();
    }

    function test_startBuyout_revertsWithFractionsTheBidderDoesNotHold() public {
        uint256 deposit = vault.requiredDeposit(20 ether, 401 ether);
        vm.prank(collector);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultInsufficientFractions.selector, 400 ether, 401 ether)
        );
        vault.startBuyout{value: deposit}(20 ether, 401 ether);
    }

    function test_startBuyout_revertsWithMoreFractionsThanTheSupply() public {
        vm.prank(collector);
        vm.expectRevert(
            abi.encodeWithSelector(IFractionVault.FractionVaultTooManyFractions.selector, SUPPLY + 1, SUPPLY)
        );
        vault.startBuyout(20 ether, SUPPLY + 1);
    }

    /// @dev One buyout at a time: a second bid waits for the first to settle.
    function test_startBuyout_revertsWhileOneIsLive() public {
        _bid(bidder, RESERVE, 0);
        vm.deal(eve, 100 ether);
        vm.prank(eve);
        vm.expectRevert(_liveNotOpen());
        vault.startBuyout{value: 50 ether}(50 ether, 0);
        // even after the window, until someone settles
        vm.warp(vault.buyout().end);
        vm.prank(eve);
        vm.expectRevert(_liveNotOpen());
        vault.startBuyout{value: 50 ether}(50 ether, 0);
    }

    function _liveNotOpen() internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Live,
                IFractionVault.State.Open
            );
    }

    function test_startBuyout_revertsOnceSold() public {
        _sell(RESERVE);
        vm.prank(eve);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFractionVault.FractionVaultUnexpectedState.selector,
                IFractionVault.State.Sold,
                IFractionVault.State.Open
            )
        );
        vault.startBuyout(RESERVE, 0);
    }

    /// @dev The holder of every fraction can take the NFT out: it deposits nothing, nobody is left to object.
    function test_startBuyout_soleHolderPutsInEveryFraction() public {
        _send(alice, collector, 300 ether);
        _send(bob, collector, 200 ether);
        _send(carol, collector, 100 ether);
        assertEq(_bid(collector, RESERVE, SUPPLY), 0);
        assertEq(vault.objectionsToFail(), 1, "nothing contested: the bid cannot fail");
        _settle();
        assertEq(music.ownerOf(track), collector);
        assertEq(vault.totalSupply(), 0);
        assertEq(uint8(vault.state()), uint8(IFractionVault.State.Sold));
    }

    /// @dev The deposit is rounded up: 1 wei over 3 fractions' worth of a 1,000-fraction supply.
    function test_requiredDeposit_roundsUp() public view {
        // 10 ETH + 1 wei for 1,000 fractions, bidder brings 997: 3 / 1,000 of it = 0.03 ETH + 0.003 wei
        assertEq(vault.requiredDeposit(RESERVE + 1, 997 ether), 0.03 ether + 1);
        assertEq(vault.requiredDeposit(RESERVE, 997 ether), 0.03 ether, "exact: no rounding");
    }

    /// @dev For any price and fractions in, the deposit is the smallest amount that covers the other fractions'
    /// share of the price.
    function testFuzz_requiredDeposit_isTheCeilingOfTheOthersShare(uint256 price, uint256 fractionsIn) public view {
        price = bound(price, RESERVE, 1e30);
        fractionsIn = bound(fractionsIn, 0, SUPPLY);
        uint256 deposit = vault.requiredDeposit(price, fractionsIn);
        uint256 others = SUPPLY - fractionsIn;
        assertGe(deposit * SUPPLY, price * others, "covers the others' share");
        if (deposit != 0) assertLt((deposit - 1) * SUPPLY, price * others, "and no more than needed");
        assertEq(deposit, Math.ceilDiv(price * others, SUPPLY));
    }

    /// @dev The clock of a bid is the vault's window (fixed at creation), from the block the bid is made in.
    function test_startBuyout_windowIsTheVaultsOwn() public {
        vm.prank(address(timelock));
        fractionalizer.setBuyoutWindow(14 days);
        vm.warp(block.timestamp + 1 days);
        _bid(bidder, RESERVE, 0);
        assertEq(vault.buyout().end, block.timestamp + 3 days);
    }
}
