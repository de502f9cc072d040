// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IDutchAuction} from "../../contracts/interfaces/IDutchAuction.sol";
import {AuctionCurves} from "../../contracts/libraries/AuctionCurves.sol";

/// @dev External entry to the library, so reverts can be expected.
contract AuctionCurvesHarness {
    function price(
        IDutchAuction.Curve curve,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 elapsed,
        uint256 duration
    ) external pure returns (uint256) {
        return AuctionCurves.price(curve, startPrice, reservePrice, elapsed, duration);
    }
}

/// @notice AuctionCurves: both curves start at the start price, end at the reserve, never leave
/// [reserve, start], never rise with time, round in the seller's favour; the exponential curve agrees with a
/// reference computed without exp or ln (repeated square roots).
contract CurvesTest is Test {
    IDutchAuction.Curve internal constant LINEAR = IDutchAuction.Curve.Linear;
    IDutchAuction.Curve internal constant EXPONENTIAL = IDutchAuction.Curve.Exponential;
    uint256 internal constant MAX_PRICE = type(uint96).max;

    AuctionCurvesHarness internal harness;

    function setUp() public {
        harness = new AuctionCurvesHarness();
    }

    // ---------------------------------------------------------------- known points

    function test_price_linearKnownPoints() public pure {
        assertEq(AuctionCurves.price(LINEAR, 100 ether, 10 ether, 0, 1000), 100 ether);
        assertEq(AuctionCurves.price(LINEAR, 100 ether, 10 ether, 250, 1000), 77.5 ether);
        assertEq(AuctionCurves.price(LINEAR, 100 ether, 10 ether, 500, 1000), 55 ether);
        assertEq(AuctionCurves.price(LINEAR, 100 ether, 10 ether, 999, 1000), 10.09 ether);
        assertEq(AuctionCurves.price(LINEAR, 100 ether, 10 ether, 1000, 1000), 10 ether);
        assertEq(AuctionCurves.price(LINEAR, 100 ether, 10 ether, 5000, 1000), 10 ether);
    }

    /// @dev 10 → 0 over 3 s: exactly 6.67 after 1 s, charged 7; 3.33 after 2 s, charged 4.
    function test_price_linearRoundsUp() public pure {
        assertEq(AuctionCurves.price(LINEAR, 10, 0, 1, 3), 7);
        assertEq(AuctionCurves.price(LINEAR, 10, 0, 2, 3), 4);
        assertEq(AuctionCurves.price(LINEAR, 10, 0, 3, 3), 0);
    }

    /// @dev 100 → 25 is a quarter: halfway the price is halved, a quarter of the way in it is 100 / √2.
    function test_price_exponentialKnownPoints() public pure {
        assertEq(AuctionCurves.price(EXPONENTIAL, 100 ether, 25 ether, 0, 1000), 100 ether);
        assertApproxEqRel(
            AuctionCurves.price(EXPONENTIAL, 100 ether, 25 ether, 250, 1000),
            70.710678118654752440 ether,
            10
        );
        assertApproxEqRel(AuctionCurves.price(EXPONENTIAL, 100 ether, 25 ether, 500, 1000), 50 ether, 10);
        assertApproxEqRel(
            AuctionCurves.price(EXPONENTIAL, 100 ether, 25 ether, 750, 1000),
            35.355339059327376220 ether,
            10
        );
        assertEq(AuctionCurves.price(EXPONENTIAL, 100 ether, 25 ether, 1000, 1000), 25 ether);
        assertEq(AuctionCurves.price(EXPONENTIAL, 100 ether, 25 ether, 1001, 1000), 25 ether);
    }

    function test_price_flatWhenStartEqualsReserve() public pure {
        assertEq(AuctionCurves.price(LINEAR, 5 ether, 5 ether, 123, 1000), 5 ether);
        assertEq(AuctionCurves.price(EXPONENTIAL, 5 ether, 5 ether, 123, 1000), 5 ether);
    }

    function test_price_revertsWhenReserveAboveStart() public {
        vm.expectRevert(abi.encodeWithSelector(AuctionCurves.AuctionCurvesInvalidRange.selector, 1 ether, 2 ether));
        harness.price(LINEAR, 1 ether, 2 ether, 10, 100);
    }

    function test_price_exponentialRevertsOnZeroReserve() public {
        vm.expectRevert(AuctionCurves.AuctionCurvesZeroReserve.selector);
        harness.price(EXPONENTIAL, 1 ether, 0, 10, 100);
    }

    function test_isValid() public pure {
        assertTrue(AuctionCurves.isValid(LINEAR, 1 ether, 0));
        assertTrue(AuctionCurves.isValid(LINEAR, 1 ether, 1 ether));
        assertFalse(AuctionCurves.isValid(LINEAR, 1 ether, 1 ether + 1));
        assertTrue(AuctionCurves.isValid(EXPONENTIAL, 1 ether, 1));
        assertFalse(AuctionCurves.isValid(EXPONENTIAL, 1 ether, 0));
        assertFalse(AuctionCurves.isValid(EXPONENTIAL, 1 ether, 1 ether + 1));
    }

    // ---------------------------------------------------------------- properties, both curves

    function testFuzz_price_startAtZeroReserveFromEnd(
        bool exponential,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration,
        uint256 after_
    ) public pure {
        IDutchAuction.Curve curve;
        (curve, startPrice, reservePrice, duration) = _bound(exponential, startPrice, reservePrice, duration);
        after_ = bound(after_, 0, type(uint64).max);
        assertEq(AuctionCurves.price(curve, startPrice, reservePrice, 0, duration), startPrice, "at 0");
        assertEq(AuctionCurves.price(curve, startPrice, reservePrice, duration, duration), reservePrice, "at end");
        assertEq(
            AuctionCurves.price(curve, startPrice, reservePrice, duration + after_, duration),
            reservePrice,
            "after end"
        );
    }

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_price_withinReserveAndStart(
        bool exponential,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration,
        uint256 elapsed
    ) public pure {
        IDutchAuction.Curve curve;
        (curve, startPrice, reservePrice, duration) = _bound(exponential, startPrice, reservePrice, duration);
        elapsed = bound(elapsed, 0, duration * 2);
        uint256 p = AuctionCurves.price(curve, startPrice, reservePrice, elapsed, duration);
        assertGe(p, reservePrice, "below reserve");
        assertLe(p, startPrice, "above start");
    }

    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_price_nonIncreasingInTime(
        bool exponential,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration,
        uint256 earlier,
        uint256 later
    ) public pure {
        IDutchAuction.Curve curve;
        (curve, startPrice, reservePrice, duration) = _bound(exponential, startPrice, reservePrice, duration);
        earlier = bound(earlier, 0, duration);
        later = bound(later, earlier, duration + 1);
        assertGe(
            AuctionCurves.price(curve, startPrice, reservePrice, earlier, duration),
            AuctionCurves.price(curve, startPrice, reservePrice, later, duration)
        );
    }

    /// @dev Adjacent seconds, where a non-monotone approximation would show first.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_price_nonIncreasingSecondBySecond(
        bool exponential,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration,
        uint256 elapsed
    ) public pure {
        IDutchAuction.Curve curve;
        (curve, startPrice, reservePrice, duration) = _bound(exponential, startPrice, reservePrice, duration);
        elapsed = bound(elapsed, 0, duration);
        assertGe(
            AuctionCurves.price(curve, startPrice, reservePrice, elapsed, duration),
            AuctionCurves.price(curve, startPrice, reservePrice, elapsed + 1, duration)
        );
    }

    /// @dev Every second of a 10-minute auction, at the extremes of the price range.
    function test_price_nonIncreasingEverySecondAtExtremes() public pure {
        uint256[2][5] memory ranges = [
            [MAX_PRICE, uint256(1)],
            [MAX_PRICE, MAX_PRICE - 1],
            [uint256(1 ether), uint256(1 ether) / 3],
            [uint256(3), uint256(1)],
            [MAX_PRICE, MAX_PRICE / 1e9]
        ];
        for (uint256 c; c < 2; ++c) {
            IDutchAuction.Curve curve = IDutchAuction.Curve(c);
            for (uint256 r; r < ranges.length; ++r) {
                uint256 previous = ranges[r][0];
                for (uint256 t; t <= 600; ++t) {
                    uint256 p = AuctionCurves.price(curve, ranges[r][0], ranges[r][1], t, 600);
                    assertLe(p, previous, "rose");
                    previous = p;
                }
                assertEq(previous, ranges[r][1], "ends at reserve");
            }
        }
    }

    // ---------------------------------------------------------------- linear

    /// @dev Against the same line computed from the other end: reserve + ⌈(start − reserve)(duration − t) / duration⌉.
    function testFuzz_price_linearMatchesCeilingFromReserve(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration,
        uint256 elapsed
    ) public pure {
        IDutchAuction.Curve curve;
        (curve, startPrice, reservePrice, duration) = _bound(false, startPrice, reservePrice, duration);
        elapsed = bound(elapsed, 0, duration);
        uint256 expected =
            reservePrice + FixedPointMathLib.mulDivUp(startPrice - reservePrice, duration - elapsed, duration);
        assertEq(AuctionCurves.price(curve, startPrice, reservePrice, elapsed, duration), expected);
    }

    // ---------------------------------------------------------------- exponential

    /// @dev Against start × (reserve / start)^(k / 2^n) computed with square roots only (see _geometricReference):
    /// no exp, no ln. Agreement within 2e-17
    /// relative (lnWad / expWad lose up to ~1e-17 at the widest range) or 2 wei (rounding up; the reference's floors)
    /// over the whole price range, reserves down to 1 wei of a 2^96 start included.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_price_exponentialMatchesSquareRootReference(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 n,
        uint256 k,
        uint256 secondsPerStep
    ) public pure {
        startPrice = bound(startPrice, 2, MAX_PRICE);
        reservePrice = bound(reservePrice, 1, startPrice);
        n = bound(n, 1, 18); // 1e18 is divisible by 2^n, so elapsed / duration is exact in 18 decimals
        k = bound(k, 0, (1 << n) - 1);
        secondsPerStep = bound(secondsPerStep, 1, 10_000);
        uint256 p = AuctionCurves.price(EXPONENTIAL, startPrice, reservePrice, k * secondsPerStep, secondsPerStep << n);
        uint256 expected = _geometricReference(startPrice, reservePrice, k, n);
        uint256 tolerance = FixedPointMathLib.max(2, FixedPointMathLib.mulDivUp(expected, 20, 1e18));
        assertApproxEqAbs(p, expected, tolerance);
    }

    /// @dev The geometric curve lies under the straight line between the same points (exp is convex): an
    /// exponential auction gives up more of its premium early. Allow the few wei the two roundings can differ by.
    /// forge-config: default.fuzz.runs = 10000
    function testFuzz_price_exponentialBelowLinear(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration,
        uint256 elapsed
    ) public pure {
        IDutchAuction.Curve curve;
        (curve, startPrice, reservePrice, duration) = _bound(true, startPrice, reservePrice, duration);
        elapsed = bound(elapsed, 0, duration);
        uint256 exponential = AuctionCurves.price(EXPONENTIAL, startPrice, reservePrice, elapsed, duration);
        uint256 linear = AuctionCurves.price(LINEAR, startPrice, reservePrice, elapsed, duration);
        assertLe(exponential, linear + 2 + linear / 5e16);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Prices as the auction stores them (uint96; reserve > 0 on the exponential curve), any duration up to
    /// the uint32 the auction stores.
    function _bound(
        bool exponential,
        uint256 startPrice,
        uint256 reservePrice,
        uint256 duration
    ) internal pure returns (IDutchAuction.Curve, uint256, uint256, uint256) {
        startPrice = bound(startPrice, 1, MAX_PRICE);
        reservePrice = bound(reservePrice, exponential ? 1 : 0, startPrice);
        duration = bound(duration, 1, type(uint32).max);
        return (exponential ? EXPONENTIAL : LINEAR, startPrice, reservePrice, duration);
    }

    /// @dev start × (reserve / start)^(k / 2^n) by repeated square roots: reserve^(2^-i) and start^(2^-i) in 18
    /// decimals (both at least 1, so each root is exact to 1e-18 relative), their quotients multiplied at 36
    /// decimals along the binary digits of k / 2^n.
    function _geometricReference(
        uint256 startPrice,
        uint256 reservePrice,
        uint256 k,
        uint256 n
    ) internal pure returns (uint256) {
        uint256 reserveRoot = reservePrice * 1e18;
        uint256 startRoot = startPrice * 1e18;
        uint256 factor = 1e36;
        for (uint256 i = 1; i <= n; ++i) {
            reserveRoot = FixedPointMathLib.sqrt(reserveRoot * 1e18);
            startRoot = FixedPointMathLib.sqrt(startRoot * 1e18);
            // bit (n - i) of k is the digit of 2^-i in k / 2^n
            if ((k >> (n - i)) & 1 == 1) factor = (factor * reserveRoot) / startRoot;
        }
        return (startPrice * factor) / 1e36;
    }
}
