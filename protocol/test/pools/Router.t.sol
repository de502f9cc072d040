// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PoolFixture} from "./PoolFixture.sol";
import {Pool} from "../../contracts/pools/Pool.sol";
import {IPoolRouter} from "../../contracts/interfaces/IPoolRouter.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";

contract RouterTest is PoolFixture {
    Pool internal fractionMint;
    Pool internal mintWeth;

    function setUp() public override {
        super.setUp();
        fractionMint = _seed(address(fraction), address(token), 1_000 ether, 5_000 ether);
        mintWeth = _seed(address(token), address(weth), 10_000 ether, 10 ether);
        _fund(address(fraction), trader, 1_000 ether);
    }

    function test_addLiquidity_createsThePoolAndDeposits() public {
        FeeOnTransferToken shares = new FeeOnTransferToken(0); // no fee: a plain mintable token
        shares.mint(carol, 100 ether);
        _fund(address(weth), carol, 1 ether);
        vm.startPrank(carol);
        shares.approve(address(router), type(uint256).max);
        (uint256 amountA, uint256 amountB, uint256 liquidity) = router.addLiquidity(
            _addParams(address(shares), address(weth), 100 ether, 1 ether, carol)
        );
        vm.stopPrank();
        assertEq(amountA, 100 ether);
        assertEq(amountB, 1 ether);
        assertEq(liquidity, 10 ether - 1_000);
        assertEq(Pool(factory.getPool(address(shares), address(weth))).balanceOf(carol), liquidity);
    }

    function test_addLiquidity_usesTheOptimalAmounts() public {
        address provider = makeAddr("provider");
        _fund(address(fraction), provider, 100 ether);
        _fund(address(token), provider, 1_000 ether);
        vm.prank(provider);
        (uint256 amountA, uint256 amountB, ) = router.addLiquidity(
            _addParams(address(fraction), address(token), 100 ether, 1_000 ether, provider)
        );
        assertEq(amountA, 100 ether);
        assertEq(amountB, 500 ether, "only what the 1:5 ratio needs");
        assertEq(token.balanceOf(provider), 500 ether);

        _fund(address(fraction), provider, 100 ether);
        vm.prank(provider);
        (amountA, amountB, ) = router.addLiquidity(
            _addParams(address(fraction), address(token), 1_000 ether, 100 ether, provider)
        );
        assertEq(amountA, 20 ether, "the other side binds");
        assertEq(amountB, 100 ether);
    }

    function test_addLiquidity_revertsBelowTheMinimums() public {
        address provider = makeAddr("provider");
        _fund(address(fraction), provider, 100 ether);
        _fund(address(token), provider, 1_000 ether);
        IPoolRouter.AddLiquidityParams memory params = _addParams(
            address(fraction),
            address(token),
            100 ether,
            1_000 ether,
            provider
        );
        params.amountBMin = 600 ether;
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IPoolRouter.RouterInsufficientAmountB.selector, 500 ether, 600 ether));
        router.addLiquidity(params);
    }

    /// @dev A sandwich on a deposit: the provider reads the pool at 1 fraction : 5 MINT and asks for 100 fractions +
    /// 500 MINT, with minimums 0.5% below (the slippage the devnet uses). An attacker front-runs with a large
    /// MINT-for-fractions swap: at the new ratio the router would take all 500 MINT but only a fraction of the
    /// fractions, so the provider buys into the pool at the attacker's price and the attacker's swap back takes the
    /// difference. The minimum on fractions refuses the deposit; without minimums it would go through.
    function test_addLiquidity_sandwichIsRefusedByTheMinimums() public {
        address provider = makeAddr("provider");
        _fund(address(fraction), provider, 100 ether);
        _fund(address(token), provider, 500 ether);
        IPoolRouter.AddLiquidityParams memory params = _addParams(
            address(fraction),
            address(token),
            100 ether,
            500 ether,
            provider
        );
        (params.amountAMin, params.amountBMin) = ((100 ether * 995) / 1_000, (500 ether * 995) / 1_000);

        // the front-run, between the provider's quote and its deposit
        _swap(fractionMint, makeAddr("attacker"), address(token), 5_000 ether);
        (uint256 reserve0, uint256 reserve1) = _reserves(fractionMint);
        (uint256 reserveFraction, uint256 reserveMint) = fractionMint.token0() == address(fraction)
            ? (reserve0, reserve1)
            : (reserve1, reserve0);
        uint256 fractionsAtTheAttackersPrice = (500 ether * reserveFraction) / reserveMint;

        vm.expectRevert(
            abi.encodeWithSelector(
                IPoolRouter.RouterInsufficientAmountA.selector,
                fractionsAtTheAttackersPrice,
                params.amountAMin
            )
        );
        vm.prank(provider);
        router.addLiquidity(params);

        // what the minimums prevented: the same deposit without them goes in at the attacker's price
        (params.amountAMin, params.amountBMin) = (0, 0);
        vm.prank(provider);
        (uint256 amountA, uint256 amountB, ) = router.addLiquidity(params);
        assertEq(amountA, fractionsAtTheAttackersPrice);
        assertLt(amountA, 30 ether, "a quarter of what the provider asked for");
        assertEq(amountB, 500 ether);
    }

    function test_addLiquidity_revertsAfterTheDeadline() public {
        IPoolRouter.AddLiquidityParams memory params = _addParams(address(fraction), address(token), 1, 1, carol);
        params.deadline = block.timestamp - 1;
        vm.expectRevert(abi.encodeWithSelector(IPoolRouter.RouterExpired.selector, block.timestamp - 1));
        router.addLiquidity(params);
    }

    function test_removeLiquidity_paysWithinTheMinimums() public {
        uint256 liquidity = fractionMint.balanceOf(lp) / 2;
        uint256 fractionOut = (liquidity * fraction.balanceOf(address(fractionMint))) / fractionMint.totalSupply();
        vm.startPrank(lp);
        fractionMint.approve(address(router), liquidity);
        vm.expectRevert(abi.encodeWithSelector(IPoolRouter.RouterInsufficientAmountA.selector, fractionOut, 501 ether));
        router.removeLiquidity(address(fraction), address(token), liquidity, 501 ether, 0, lp, block.timestamp);
        (uint256 amountA, uint256 amountB) = router.removeLiquidity(
            address(fraction),
            address(token),
            liquidity,
            499 ether,
            2_499 ether,
            lp,
            block.timestamp
        );
        vm.stopPrank();
        assertEq(fraction.balanceOf(lp), amountA);
        assertApproxEqAbs(amountA, 500 ether, 1e4);
        assertApproxEqAbs(amountB, 2_500 ether, 1e4);
    }

    function test_swapExactTokensForTokens_multiHopEqualsTheQuote() public {
        address[] memory path = _path(address(fraction), address(token), address(weth));
        uint256[] memory quoted = router.getAmountsOut(10 ether, path);
        vm.prank(trader);
        uint256 amountOut = router.swapExactTokensForTokens(10 ether, quoted[2], path, carol, block.timestamp);
        assertEq(amountOut, quoted[2]);
        assertEq(weth.balanceOf(carol), quoted[2]);
        assertEq(token.balanceOf(address(router)) + fraction.balanceOf(address(router)), 0, "router keeps nothing");
    }

    function test_swapExactTokensForTokens_revertsBelowTheMinimum() public {
        address[] memory path = _path(address(fraction), address(token));
        uint256 quoted = router.getAmountsOut(10 ether, path)[1];
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IPoolRouter.RouterInsufficientOutput.selector, quoted, quoted + 1));
        router.swapExactTokensForTokens(10 ether, quoted + 1, path, trader, block.timestamp);
    }

    function test_swapExactTokensForTokens_revertsAfterTheDeadline() public {
        uint256 deadline = block.timestamp;
        skip(1);
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IPoolRouter.RouterExpired.selector, deadline));
        router.swapExactTokensForTokens(1 ether, 0, _path(address(fraction), address(token)), trader, deadline);
    }

    function test_swapExactTokensForTokens_revertsForABadPath() public {
        vm.startPrank(trader);
        vm.expectRevert(IPoolRouter.RouterInvalidPath.selector);
        router.swapExactTokensForTokens(1 ether, 0, new address[](1), trader, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IPoolRouter.RouterPoolNotFound.selector, address(fraction), address(weth))
        );
        router.swapExactTokensForTokens(1 ether, 0, _path(address(fraction), address(weth)), trader, block.timestamp);
        vm.stopPrank();
    }

    function test_getAmountsIn_isEnoughForTheOutput() public {
        address[] memory path = _path(address(fraction), address(token), address(weth));
        uint256[] memory needed = router.getAmountsIn(0.1 ether, path);
        uint256 quotedOut = router.getAmountsOut(needed[0], path)[2];
        assertGe(quotedOut, 0.1 ether, "the two quotes agree");
        vm.prank(trader);
        uint256 amountOut = router.swapExactTokensForTokens(needed[0], 0.1 ether, path, carol, block.timestamp);
        assertEq(amountOut, quotedOut);
    }

    function test_swapExactTokensForTokens_feeOnTransferInput() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(200); // 2%
        fot.mint(lp, 1_000 ether);
        _fund(address(weth), lp, 1_000 ether);
        vm.startPrank(lp);
        fot.approve(address(router), type(uint256).max);
        router.addLiquidity(_addParams(address(fot), address(weth), 1_000 ether, 1_000 ether, lp));
        vm.stopPrank();

        fot.mint(trader, 10 ether);
        vm.startPrank(trader);
        fot.approve(address(router), type(uint256).max);
        uint256 quotedOnArrival = router.getAmountsOut(9.8 ether, _path(address(fot), address(weth)))[1];
        uint256 amountOut = router.swapExactTokensForTokens(
            10 ether,
            quotedOnArrival,
            _path(address(fot), address(weth)),
            trader,
            block.timestamp
        );
        vm.stopPrank();
        assertEq(amountOut, quotedOnArrival);
    }

    function testFuzz_quotesEqualExecution(uint256 amountIn, bool twoHops) public {
        amountIn = bound(amountIn, 1e6, 1_000 ether);
        address[] memory path =
            twoHops
                ? _path(address(fraction), address(token), address(weth))
                : _path(address(fraction), address(token));
        uint256[] memory quoted = router.getAmountsOut(amountIn, path);
        vm.prank(trader);
        uint256 amountOut = router.swapExactTokensForTokens(amountIn, 0, path, carol, block.timestamp);
        assertEq(amountOut, quoted[quoted.length - 1]);
    }
}
