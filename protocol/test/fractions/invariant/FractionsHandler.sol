// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFractionVault} from "../../../contracts/interfaces/IFractionVault.sol";
import {IRoyaltySplitter} from "../../../contracts/interfaces/IRoyaltySplitter.sol";
import {FractionVault} from "../../../contracts/fractions/FractionVault.sol";

/// @notice Drives one vault (holding its track's collector role) through random fraction transfers, royalty
/// deposits (ETH, MINT, resale), claims, bids, objections, settlements, bid and objection withdrawals, redemptions,
/// dust sweeps and time, over four holders and a pool that renounced income.
///
/// Model of income: every action first pulls the income waiting at the splitter (`vault.sync()`, so income is
/// always shared at a point the handler sees) and credits each earning holder its exact share, balance / eligible
/// supply, kept scaled by 1e27 (income that arrives while nothing earns waits and goes with the next, as the rules
/// say). Ghosts: what each account was paid, per asset and per route.
contract FractionsHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant _SCALE = 1e27;

    FractionVault public immutable vault;
    IRoyaltySplitter public immutable splitter;
    IERC20 public immutable mint;
    uint256 public immutable tokenId;
    uint256 public immutable supply;
    uint256 public immutable reserve;
    uint256 public immutable thresholdBps;

    address[] internal _actors;
    address[2] internal _assets;

    // ---------------------------------------------------------------- model

    /// @dev each account's exact share of the income, scaled by 1e27
    mapping(address account => mapping(address asset => uint256)) public entitledScaled;
    /// @dev income pulled while no fraction earned: shared with the next income
    mapping(address asset => uint256) public modelWaiting;

    // ---------------------------------------------------------------- ghosts

    mapping(address asset => uint256) public ghostIncome;
    mapping(address account => mapping(address asset => uint256)) public ghostClaimed;
    mapping(address asset => uint256) public ghostClaimedTotal;
    mapping(address account => uint256) public ghostFailedDeposits;
    mapping(address account => uint256) public ghostRefunded;
    uint256 public ghostBurned;
    uint256 public ghostRedemptions;
    mapping(bytes32 action => uint256) public calls;

    /// @dev the first check the handler saw fail (a revert inside a handler call is discarded by the fuzzer, so
    /// failures are recorded and asserted by an invariant instead)
    string public violation;

    constructor(FractionVault vault_, IERC20 mint_, address[] memory actors_) {
        vault = vault_;
        IFractionVault.Terms memory terms = vault_.terms();
        splitter = IRoyaltySplitter(terms.splitter);
        mint = mint_;
        tokenId = terms.tokenId;
        supply = terms.supply;
        reserve = terms.reservePrice;
        thresholdBps = terms.objectionThresholdBps;
        _actors = actors_;
        _assets = [address(0), address(mint_)];
        mint_.approve(address(splitter), type(uint256).max);
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function assets() external view returns (address[2] memory) {
        return _assets;
    }

    /// @dev every action starts by sharing the income waiting at the splitter, in the model and in the vault
    modifier synced() {
        _sync();
        _;
    }

    // ---------------------------------------------------------------- fractions and income

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external synced {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        uint256 balance = vault.balanceOf(from);
        if (balance == 0) return;
        amount = _bound(amount, 1, balance);
        vm.prank(from);
        vault.transfer(to, amount);
        ++calls["transfer"];
    }

    function depositETH(uint256 amount, bool resale) external synced {
        amount = _bound(amount, 1, 100 ether);
        vm.deal(address(this), amount);
        if (resale) splitter.depositResaleRoyalty{value: amount}(tokenId, address(0), amount);
        else splitter.depositETH{value: amount}(tokenId);
        _sync();
        ++calls["depositETH"];
    }

    function depositMint(uint256 amount) external synced {
        amount = _bound(amount, 1, 1_000 ether);
        splitter.depositToken(tokenId, address(mint), amount);
        _sync();
        ++calls["depositMint"];
    }

    function claim(uint256 actorSeed) external synced {
        address actor = _actor(actorSeed);
        uint256 ethOwed = vault.claimable(actor, address(0));
        uint256 mintOwed = vault.claimable(actor, address(mint));
        if (ethOwed + mintOwed == 0) return;
        uint256 ethBefore = actor.balance;
        uint256 mintBefore = mint.balanceOf(actor);
        vm.prank(actor);
        uint256[] memory amounts = vault.claim(actor);
        _check(amounts[0] == ethOwed && amounts[1] == mintOwed, "claim pays what claimable said");
        _check(actor.balance - ethBefore == ethOwed, "claimed ETH arrived");
        _check(mint.balanceOf(actor) - mintBefore == mintOwed, "claimed MINT arrived");
        ghostClaimed[actor][address(0)] += ethOwed;
        ghostClaimed[actor][address(mint)] += mintOwed;
        ghostClaimedTotal[address(0)] += ethOwed;
        ghostClaimedTotal[address(mint)] += mintOwed;
        ++calls["claim"];
    }

    // ---------------------------------------------------------------- buyout

    function startBuyout(uint256 actorSeed, uint256 price, uint256 fractionsIn) external synced {
        if (vault.state() != IFractionVault.State.Open) return;
        address actor = _actor(actorSeed);
        price = _bound(price, reserve, 100 ether);
        fractionsIn = _bound(fractionsIn, 0, vault.balanceOf(actor));
        uint256 deposit = vault.requiredDeposit(price, fractionsIn);
        vm.deal(actor, actor.balance + deposit);
        vm.prank(actor);
        vault.startBuyout{value: deposit}(price, fractionsIn);
        ++calls["startBuyout"];
    }

    function object(uint256 actorSeed, uint256 amount) external synced {
        if (vault.state() != IFractionVault.State.Live || block.timestamp >= vault.buyout().end) return;
        address actor = _actor(actorSeed);
        (uint256 staleId, uint256 stale) = vault.objectionOf(actor);
        // an objection left from a failed buyout comes back first
        uint256 balance = vault.balanceOf(actor) + (staleId != vault.buyout().id ? stale : 0);
        if (balance == 0) return;
        amount = _bound(amount, 1, balance);
        vm.prank(actor);
        vault.object(amount);
        ++calls["object"];
    }

    /// @dev An actor locks everything it holds: enough of these and a buyout fails.
    function objectAll(uint256 actorSeed) external synced {
        if (vault.state() != IFractionVault.State.Live || block.timestamp >= vault.buyout().end) return;
        address actor = _actor(actorSeed);
        uint256 balance = vault.balanceOf(actor);
        if (balance == 0) return;
        vm.prank(actor);
        vault.object(balance);
        ++calls["objectAll"];
    }

    function withdrawObjection(uint256 actorSeed) external synced {
        address actor = _actor(actorSeed);
        (uint256 id, uint256 amount) = vault.objectionOf(actor);
        if (amount == 0) return;
        if (vault.state() == IFractionVault.State.Live && id == vault.buyout().id) return;
        uint256 before = vault.balanceOf(actor);
        vm.prank(actor);
        vault.withdrawObjection();
        _check(vault.balanceOf(actor) - before == amount, "objection returned exactly");
        ++calls["withdrawObjection"];
    }

    function settle(uint256 seconds_) external synced {
        if (vault.state() != IFractionVault.State.Live) return;
        IFractionVault.Buyout memory buyout = vault.buyout();
        if (block.timestamp < buyout.end) vm.warp(buyout.end + _bound(seconds_, 0, 1 days));
        // the rule, independently: objections reach thresholdBps of the contested fractions (none contested: never)
        uint256 contested = supply - buyout.fractionsIn;
        bool fails = buyout.objections != 0 && buyout.objections * 10_000 >= thresholdBps * contested;
        vault.settleBuyout();
        if (fails) {
            _check(vault.state() == IFractionVault.State.Open, "a failed buyout reopens");
            ghostFailedDeposits[buyout.bidder] += buyout.deposit;
        } else {
            _check(vault.state() == IFractionVault.State.Sold, "a winning buyout sells");
            _check(vault.proceeds() == buyout.deposit, "the proceeds are the deposit");
            ghostBurned += buyout.fractionsIn;
        }
        ++calls["settle"];
    }

    function withdrawBid(uint256 actorSeed) external synced {
        _withdrawBid(_actor(actorSeed));
    }

    function _withdrawBid(address actor) private {
        (uint256 eth, uint256 fractions) = vault.refundOf(actor);
        if (eth == 0 && fractions == 0) return;
        uint256 ethBefore = actor.balance;
        uint256 fractionsBefore = vault.balanceOf(actor);
        vm.prank(actor);
        vault.withdrawBid(actor);
        _check(actor.balance - ethBefore == eth, "refund ETH exact");
        _check(vault.balanceOf(actor) - fractionsBefore == fractions, "refund fractions exact");
        ghostRefunded[actor] += eth;
        ++calls["withdrawBid"];
    }

    // ---------------------------------------------------------------- after a sale

    function redeem(uint256 actorSeed, uint256 amount) external synced {
        if (vault.state() != IFractionVault.State.Sold) return;
        address actor = _actor(actorSeed);
        uint256 balance = vault.balanceOf(actor);
        if (balance == 0) return;
        _redeem(actor, _bound(amount, 1, balance));
    }

    function _redeem(address actor, uint256 amount) private {
        uint256 before = actor.balance;
        vm.prank(actor);
        uint256 value = vault.redeem(amount, actor);
        _redeemed(amount, value, actor.balance - before);
        ++calls["redeem"];
    }

    function redeemObjection(uint256 actorSeed) external synced {
        if (vault.state() != IFractionVault.State.Sold) return;
        _redeemObjection(_actor(actorSeed));
    }

    function _redeemObjection(address actor) private {
        (, uint256 amount) = vault.objectionOf(actor);
        if (amount == 0) return;
        uint256 before = actor.balance;
        vm.prank(actor);
        uint256 value = vault.redeemObjection(actor);
        _redeemed(amount, value, actor.balance - before);
        ++calls["redeemObjection"];
    }

    function sweepDust() external synced {
        _sweepDust();
    }

    /// @dev After a sale, everyone takes everything: refunds, objections, fractions; then the buyer sweeps. The
    /// end of a vault's life, which random redemptions alone would rarely reach.
    function windDown() external synced {
        if (vault.state() != IFractionVault.State.Sold) return;
        for (uint256 i; i < _actors.length; ++i) {
            address actor = _actors[i];
            _withdrawBid(actor);
            _redeemObjection(actor);
            uint256 balance = vault.balanceOf(actor);
            if (balance != 0) _redeem(actor, balance);
        }
        _sweepDust();
        ++calls["windDown"];
    }

    function _sweepDust() private {
        if (vault.state() != IFractionVault.State.Sold || vault.totalSupply() != 0) return;
        address buyer = vault.buyout().bidder;
        uint256 before = buyer.balance;
        vm.prank(buyer);
        uint256 amount = vault.sweepDust(buyer);
        _check(buyer.balance - before == amount, "dust arrived");
        _check(amount <= ghostRedemptions + 1, "dust is at most a wei per redemption");
        ++calls["sweepDust"];
    }

    function warp(uint256 seconds_) external synced {
        vm.warp(block.timestamp + _bound(seconds_, 1, 4 days));
        ++calls["warp"];
    }

    // ---------------------------------------------------------------- internals

    function _redeemed(uint256 amount, uint256 value, uint256 arrived) private {
        uint256 exact = Math.mulDiv(vault.buyout().price, amount, supply);
        _check(value == exact, "redemption is mulDiv(price, amount, supply)");
        _check(arrived == value, "the redemption arrived");
        ghostBurned += amount;
        ++ghostRedemptions;
    }

    /// @dev Pulls the income waiting at the splitter into the vault and credits the model: `received` over the
    /// eligible supply, by balance, to every earning account; with nothing eligible it waits.
    function _sync() private {
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        uint256[2] memory received;
        for (uint256 a; a < 2; ++a) received[a] = splitter.claimable(address(vault), _assets[a], ids);
        uint256 ethBefore = address(vault).balance;
        vault.sync();
        _check(address(vault).balance - ethBefore == received[0], "sync pulled what was waiting");
        uint256 eligible = vault.eligibleSupply();
        for (uint256 a; a < 2; ++a) {
            address asset = _assets[a];
            if (received[a] == 0) continue;
            ghostIncome[asset] += received[a];
            if (eligible == 0) {
                modelWaiting[asset] += received[a];
                continue;
            }
            uint256 total = received[a] + modelWaiting[asset];
            modelWaiting[asset] = 0;
            for (uint256 i; i < _actors.length; ++i) {
                address actor = _actors[i];
                if (vault.incomeRenounced(actor)) continue;
                entitledScaled[actor][asset] += Math.mulDiv(total * _SCALE, vault.balanceOf(actor), eligible);
            }
        }
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _check(bool ok, string memory what) private {
        if (!ok && bytes(violation).length == 0) violation = what;
    }
}
