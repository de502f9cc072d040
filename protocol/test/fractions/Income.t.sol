// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IIncomeShares} from "../../contracts/interfaces/IIncomeShares.sol";
import {FractionVault} from "../../contracts/fractions/FractionVault.sol";
import {FractionsFixture} from "./FractionsFixture.sol";
import {RenouncingPool} from "./mocks/RenouncingPool.sol";

/// @notice Income: once the vault holds the collector role, the collector part of every royalty (plain deposits,
/// resale royalties, ETH and MINT) is shared by the fraction holders pro rata to what they held when it was paid;
/// transfers, locks and renounced balances move the shares, never the income already earned.
contract IncomeTest is FractionsFixture {
    /// @dev 10 ETH of royalties: the collector part is 1 ETH
    uint256 internal constant DEPOSIT = 10 ether;
    uint256 internal constant PART = 1 ether;

    function setUp() public override {
        super.setUp();
        _fractionalizeShared();
    }

    // ---------------------------------------------------------------- sharing

    function test_income_ethRoyaltiesAreSharedProRata() public {
        _depositETH(track, DEPOSIT);
        assertEq(vault.claimable(collector, ETH), 0.4 ether, "400 / 1,000 of the collector part");
        assertEq(vault.claimable(alice, ETH), 0.3 ether);
        assertEq(vault.claimable(bob, ETH), 0.2 ether);
        assertEq(vault.claimable(carol, ETH), 0.1 ether);

        uint256 before = alice.balance;
        uint256[] memory amounts = _claim(alice);
        assertEq(amounts[0], 0.3 ether);
        assertEq(amounts[1], 0, "no MINT came in");
        assertEq(alice.balance - before, 0.3 ether);
        _claim(collector);
        _claim(bob);
        _claim(carol);
        assertEq(address(vault).balance, 0, "all of it paid, nothing kept");
    }

    function test_income_mintRoyaltiesAreSharedProRata() public {
        _depositMint(track, 100 ether);
        uint256[] memory amounts = _claim(bob);
        assertEq(amounts[0], 0);
        assertEq(amounts[1], 2 ether, "200 / 1,000 of 10 MINT");
        assertEq(token.balanceOf(bob), BOB_AMOUNT + 2 ether);
    }

    /// @dev A resale royalty gives the curator its resale part first; the collector part of the rest is shared.
    function test_income_resaleRoyaltiesAreShared() public {
        _depositResale(track, ETH, DEPOSIT);
        // 30% to the curator first, then the collector's 10% of the remaining 7 ETH
        assertEq(vault.claimable(alice, ETH), 0.21 ether);
        assertEq(_claim(alice)[0], 0.21 ether);
    }

    function test_income_claimPaysEveryAssetInOneCall() public {
        _depositETH(track, DEPOSIT);
        _depositMint(track, 100 ether);
        uint256[] memory amounts = _claim(carol);
        assertEq(amounts[0], 0.1 ether);
        assertEq(amounts[1], 1 ether);
    }

    function test_income_claimToAnotherAddress() public {
        _depositETH(track, DEPOSIT);
        address wallet = makeAddr("wallet");
        vm.prank(alice);
        vault.claim(wallet);
        assertEq(wallet.balance, 0.3 ether);
        assertEq(vault.claimable(alice, ETH), 0);
    }

    /// @dev Once everything is claimed, nothing is left: the splitter's "nothing to withdraw" is not bubbled up,
    /// the vault's own named error says it.
    function test_income_secondClaimRevertsNothingToClaim() public {
        _depositETH(track, DEPOSIT);
        _claim(alice);
        vm.prank(alice);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        vault.claim(alice);
    }

    /// @dev Income already pulled by a sync is claimed with nothing waiting at the splitter.
    function test_income_claimAfterASyncPaysWhatWasSynced() public {
        _depositETH(track, DEPOSIT);
        vault.sync();
        assertEq(splitter.claimable(address(vault), ETH, _ids(track)), 0, "pulled");
        assertEq(address(vault).balance, PART);
        assertEq(_claim(alice)[0], 0.3 ether);
    }

    /// @dev Later income pays only the new part.
    function test_income_laterRoyaltiesPayOnlyTheNewPart() public {
        _depositETH(track, DEPOSIT);
        _claim(alice);
        _depositETH(track, 2 * DEPOSIT);
        assertEq(_claim(alice)[0], 0.6 ether);
    }

    // ---------------------------------------------------------------- transfers

    /// @dev Royalties paid before a sale of fractions are the seller's, even if nobody synced them before the
    /// transfer: the transfer pulls them first. The buyer earns from its purchase on.
    function test_income_aBuyerNeverGetsTheSellersPastIncome() public {
        _depositETH(track, DEPOSIT); // not synced by anyone
        _send(alice, eve, 300 ether);
        assertEq(vault.claimable(eve, ETH), 0, "the buyer gets nothing of the past");
        assertEq(vault.claimable(alice, ETH), 0.3 ether, "the seller keeps what it earned");
        _depositETH(track, DEPOSIT);
        assertEq(vault.claimable(eve, ETH), 0.3 ether);
        assertEq(vault.claimable(alice, ETH), 0.3 ether, "and nothing after selling");
        assertEq(_claim(alice)[0], 0.3 ether);
        assertEq(_claim(eve)[0], 0.3 ether);
    }

    /// @dev transferFrom (an approved spender) settles the same way.
    function test_income_transferFromSettlesToo() public {
        _depositETH(track, DEPOSIT);
        vm.prank(bob);
        vault.approve(eve, 200 ether);
        vm.prank(eve);
        vault.transferFrom(bob, eve, 200 ether);
        assertEq(vault.claimable(eve, ETH), 0);
        assertEq(vault.claimable(bob, ETH), 0.2 ether);
    }

    /// @dev Buying and selling back within one block earns nothing (no same-block sniping of a deposit).
    function test_income_buyDepositSellSniperGetsNothingOfThePastDeposit() public {
        _depositETH(track, DEPOSIT);
        _send(collector, eve, 400 ether);
        vault.sync();
        _send(eve, collector, 400 ether);
        assertEq(vault.claimable(eve, ETH), 0);
        assertEq(vault.claimable(collector, ETH), 0.4 ether);
    }

    // ---------------------------------------------------------------- renounced and locked balances

    /// @dev A pool that renounced income: its balance earns nothing, the others share what it would have had.
    function test_income_aRenouncedPoolsShareGoesToTheOthers() public {
        RenouncingPool pool = new RenouncingPool();
        pool.renounce(vault);
        _send(collector, address(pool), 400 ether);
        assertEq(vault.eligibleSupply(), 600 ether);
        _depositETH(track, DEPOSIT);
        assertEq(vault.claimable(address(pool), ETH), 0);
        assertApproxEqAbs(vault.claimable(alice, ETH), 0.5 ether, 1, "300 / 600");
        assertApproxEqAbs(vault.claimable(bob, ETH), uint256(1 ether) / 3, 1, "200 / 600");
        assertApproxEqAbs(vault.claimable(carol, ETH), uint256(1 ether) / 6, 1, "100 / 600");
        assertLe(vault.claimable(alice, ETH) + vault.claimable(bob, ETH) + vault.claimable(carol, ETH), PART);
    }

    /// @dev Renouncing forfeits what was not claimed to the holders who still earn (a pool cannot claim: income
    /// left with it would be lost; see PoolIncomeAttacks.t.sol): a holder that can claim claims first, and earns
    /// nothing after.
    function test_income_renouncingForfeitsWhatWasNotClaimed() public {
        _depositETH(track, DEPOSIT);
        vault.sync();
        assertEq(_claim(alice)[0], 0.3 ether, "claimed before renouncing");
        _depositETH(track, DEPOSIT);
        vm.prank(alice);
        vault.renounceIncome();
        _depositETH(track, DEPOSIT);
        assertEq(vault.claimable(alice, ETH), 0, "the second deposit's share forfeited, the third not earned");
        uint256 others = vault.claimable(collector, ETH) + vault.claimable(bob, ETH) + vault.claimable(carol, ETH);
        assertApproxEqAbs(others, 3 * PART - 0.3 ether, 3, "everything else is the other holders'");
    }

    /// @dev While no fraction earns (every holder's fractions sit in a renounced pool), income waits; it is paid
    /// with the next income to whoever earns then: never lost, never paid twice.
    function test_income_waitsWhileNoFractionEarns() public {
        RenouncingPool pool = new RenouncingPool();
        pool.renounce(vault);
        _send(collector, address(pool), 400 ether);
        _send(alice, address(pool), 300 ether);
        _send(bob, address(pool), 200 ether);
        _send(carol, address(pool), 100 ether);
        assertEq(vault.eligibleSupply(), 0);
        _depositETH(track, DEPOSIT);
        vault.sync();
        assertEq(address(vault).balance, PART, "pulled, and waiting");

        pool.payOut(IERC20(address(vault)), alice, 500 ether);
        _depositETH(track, DEPOSIT);
        assertEq(vault.claimable(alice, ETH), 2 * PART, "the waiting income and the new, to the only earner");
        assertEq(_claim(alice)[0], 2 * PART);
        assertEq(address(vault).balance, 0);
    }

    /// @dev Fractions locked against a buyout earn nothing while locked: the other holders share their part.
    /// What the objector earned before locking stays its own, even if not synced before.
    function test_income_lockedFractionsEarnNothingButKeepTheirPast() public {
        _bid(bidder, RESERVE, 0);
        _depositETH(track, DEPOSIT);
        _object(alice, 300 ether);
        assertEq(vault.claimable(alice, ETH), 0.3 ether, "earned before locking");
        assertEq(vault.eligibleSupply(), 700 ether);
        _depositETH(track, DEPOSIT);
        assertEq(vault.claimable(alice, ETH), 0.3 ether, "nothing while locked");
        assertApproxEqAbs(vault.claimable(collector, ETH), 0.4 ether + (PART * 400) / 700, 1, "400 / 700");
        assertApproxEqAbs(vault.claimable(bob, ETH), 0.2 ether + (PART * 200) / 700, 1, "200 / 700");
    }

    /// @dev Every fraction locked (the bidder's in escrow, all the others objecting): income waits, is not lost,
    /// and goes to the first fractions that earn again (the next sync after any does: here the collector's
    /// refunded 400, synced when alice's objection comes back), even before any new income arrives.
    function test_income_waitsWhileEveryFractionIsLocked() public {
        _bid(collector, RESERVE, 400 ether);
        _object(alice, 300 ether);
        _object(bob, 200 ether);
        _object(carol, 100 ether);
        assertEq(vault.eligibleSupply(), 0);
        _depositETH(track, DEPOSIT);
        vault.sync();

        _settle(); // every contested fraction objected: failed
        vm.prank(collector);
        vault.withdrawBid(collector);
        vm.prank(alice);
        vault.withdrawObjection();
        assertApproxEqAbs(vault.claimable(collector, ETH), PART, 1, "the waiting income, without new income");
        _depositETH(track, DEPOSIT);
        // collector 400 and alice 300 earn the new income: 700 shares
        uint256 collectorShare = PART + (PART * 400) / 700;
        assertApproxEqAbs(vault.claimable(collector, ETH), collectorShare, 2);
        assertApproxEqAbs(vault.claimable(alice, ETH), (PART * 300) / 700, 1);
        assertEq(vault.claimable(bob, ETH), 0, "still locked");
        _claim(collector);
        _claim(alice);
        assertLe(address(vault).balance - vault.escrowedETH(), 2, "all of it paid but rounding");
    }

    // ---------------------------------------------------------------- the role

    /// @dev Without the collector role the vault earns nothing; the collector part stays the collector's.
    function test_income_withoutTheRoleTheVaultEarnsNothing() public {
        FractionVault other = _otherVault("no role");
        uint256 otherTrack = other.terms().tokenId;
        _depositETH(otherTrack, DEPOSIT);
        assertEq(other.claimable(collector, ETH), 0);
        vm.prank(collector);
        vm.expectRevert(IIncomeShares.IncomeSharesNothingToClaim.selector);
        other.claim(collector);
        assertEq(splitter.claimable(collector, ETH, _ids(otherTrack)), PART, "the collector's own");
    }

    /// @dev The role takes its unwithdrawn income with it (documented: the collector withdraws first). Here the
    /// collector did not: its unwithdrawn part becomes the holders'.
    function test_income_unwithdrawnIncomeMovesWithTheRole() public {
        FractionVault other = _otherVault("late role");
        uint256 otherTrack = other.terms().tokenId;
        _depositETH(otherTrack, DEPOSIT);
        vm.prank(collector);
        splitter.transferCollectorRole(otherTrack, address(other));
        assertEq(other.claimable(collector, ETH), PART, "the sole holder gets it back through the vault");
    }

    function test_receive_rejectsEthFromAnyoneButTheSplitter() public {
        vm.deal(eve, 1 ether);
        vm.prank(eve);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(vault).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(data, abi.encodeWithSelector(IIncomeShares.IncomeSharesUnexpectedETH.selector, eve));
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Any split of the supply, two deposits in each asset with a transfer between them: each holder's
    /// income is its exact share rounded down by at most one wei per deposit, and the sum never exceeds what came
    /// in.
    function testFuzz_income_proRata(uint256 a, uint256 b, uint256 moved, uint96 eth, uint96 mint) public {
        a = bound(a, 0, 600 ether);
        b = bound(b, 0, 600 ether - a);
        moved = bound(moved, 0, a);
        eth = uint96(bound(eth, 10, 1_000 ether));
        mint = uint96(bound(mint, 10, 100_000 ether));
        // reset the spread: collector 400 + 600 - a - b, alice a, bob b
        _send(alice, collector, 300 ether);
        _send(bob, collector, 200 ether);
        _send(carol, collector, 100 ether);
        if (a != 0) _send(collector, alice, a);
        if (b != 0) _send(collector, bob, b);
        uint256 c = SUPPLY - a - b;

        _depositETH(track, eth);
        _depositMint(track, mint);
        if (moved != 0) _send(alice, bob, moved);
        _depositETH(track, eth);
        _depositMint(track, mint);

        uint256 ethPart = _collectorPart(eth);
        uint256 mintPart = _collectorPart(mint);
        uint256[3] memory first = [a, b, c];
        uint256[3] memory second = [a - moved, b + moved, c];
        address[3] memory holders = [alice, bob, collector];
        uint256 paidEth;
        uint256 paidMint;
        for (uint256 i; i < 3; ++i) {
            uint256 exactEth = (ethPart * first[i]) / SUPPLY + (ethPart * second[i]) / SUPPLY;
            uint256 exactMint = (mintPart * first[i]) / SUPPLY + (mintPart * second[i]) / SUPPLY;
            uint256 gotEth = vault.claimable(holders[i], ETH);
            uint256 gotMint = vault.claimable(holders[i], address(token));
            assertApproxEqAbs(gotEth, exactEth, 2, "ETH share");
            assertApproxEqAbs(gotMint, exactMint, 2, "MINT share");
            if (gotEth + gotMint != 0) {
                uint256[] memory amounts = _claim(holders[i]);
                assertEq(amounts[0], gotEth, "claim pays what claimable said");
                assertEq(amounts[1], gotMint);
            }
            paidEth += gotEth;
            paidMint += gotMint;
        }
        assertLe(paidEth, 2 * ethPart, "never more ETH than came in");
        assertLe(paidMint, 2 * mintPart, "never more MINT than came in");
        assertEq(address(vault).balance, 2 * ethPart - paidEth, "the vault holds the unpaid rest");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A second track of `collector`'s (primary sale done), fractionalized without handing the role over.
    function _otherVault(bytes memory audio) internal returns (FractionVault other) {
        uint256 id = _mintTrack(creator, audio);
        vm.prank(creator);
        music.transferFrom(creator, collector, id);
        _assignRoles(id);
        vm.prank(collector);
        other = FractionVault(payable(fractionalizer.fractionalize(id, SUPPLY, RESERVE, "Other", "OTH")));
    }
}
