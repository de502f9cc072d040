// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RoyaltySplitter} from "../../../contracts/royalties/RoyaltySplitter.sol";
import {RoyaltyVault} from "../../../contracts/securitization/RoyaltyVault.sol";

/// @notice Drives one royalty vault on a co-authored track (the seller holds 6,000 bps of the creator share, its
/// co-author the rest; curator and collector assigned) with random purchases in its Dutch sale, share transfers,
/// ETH and MINT deposits (plain and resale royalties), claims, syncs, the seller's own splitter withdrawals and
/// proceeds withdrawals, a pool that renounces, and time (past maturity too).
///
/// Keeps an independent model: what each deposit carves (the split and the stream rule recomputed here), and
/// what each holder should earn of it, pro rata to the balances at the deposit, scaled by 1e27 (income waiting
/// while no share is eligible goes to the holders of the next income). Ghosts record what actually moved.
contract RoyaltyVaultHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant _BPS = 10_000;
    uint256 internal constant _SCALE = 1e27;
    uint256 internal constant SELLER_SHARE = 6_000;

    RoyaltyVault public immutable vault;
    RoyaltySplitter public immutable splitter;
    IERC20 public immutable mint;
    uint256 public immutable tokenId;
    address public immutable seller;
    address public immutable pool;
    /// @dev proceeds and the seller's splitter withdrawals go here, so the seller's own ETH never matters
    address public immutable sink;

    address[] internal _actors;
    address[2] internal _assets;

    // ---------------------------------------------------------------- the model (what the rules say)

    /// @dev creators' part of every deposit (before the co-authors' cuts)
    mapping(address asset => uint256) public modelCreatorsPot;
    /// @dev what the stream carved into the vault
    mapping(address asset => uint256) public modelCarved;
    /// @dev income that arrived while no share was eligible
    mapping(address asset => uint256) public modelWaiting;
    /// @dev each holder's income, scaled by 1e27
    mapping(address account => mapping(address asset => uint256)) public modelIncomeScaled;
    bool public modelPoolRenounced;

    // ---------------------------------------------------------------- ghosts (what actually moved)

    mapping(address account => mapping(address asset => uint256)) public ghostClaimed;
    mapping(address asset => uint256) public ghostClaimedTotal;
    mapping(address asset => uint256) public ghostSellerWithdrawn;
    /// @dev shares sold, ETH paid for them, proceeds the seller withdrew
    struct SaleGhosts {
        uint256 sold;
        uint256 paid;
        uint256 withdrawn;
    }

    SaleGhosts public ghostSale;
    /// @dev how often each account's position was settled (each settlement may round a wei away)
    mapping(address account => uint256) public ghostSettlements;

    mapping(bytes32 action => uint256) public calls;

    /// @dev the first check that failed inside an action (a revert there would be discarded by the fuzzer)
    string public violation;

    constructor(RoyaltyVault vault_, RoyaltySplitter splitter_, IERC20 mint_, address pool_) {
        vault = vault_;
        splitter = splitter_;
        mint = mint_;
        tokenId = vault_.tokenId();
        seller = vault_.creator();
        pool = pool_;
        sink = makeAddr("sink");
        _actors = [seller, makeAddr("buyer"), makeAddr("buyer2"), pool_];
        _assets = [address(0), address(mint_)];
        mint_.approve(address(splitter_), type(uint256).max);
    }

    // ---------------------------------------------------------------- actions

    function buy(uint256 actorSeed, uint256 shares, uint256 overpay) external {
        address buyer = _actors[1 + (actorSeed % 3)];
        uint256 available = vault.saleAvailable();
        if (available == 0) return;
        shares = _bound(shares, 1, available);
        (uint256 price, uint256 quoted) = vault.quote(shares);
        overpay = _bound(overpay, 0, 1 ether);
        vm.deal(buyer, quoted + overpay);
        vm.prank(buyer);
        (uint256 bought, uint256 cost) = vault.buy{value: quoted + overpay}(shares, price);
        _check(bought == shares && cost == quoted, "bought what was quoted");
        _check(buyer.balance == overpay, "the excess refunded");
        _check(cost * 1e18 >= price * bought, "never below the exact cost");
        ghostSale.sold += bought;
        ghostSale.paid += cost;
        ++ghostSettlements[seller];
        ++ghostSettlements[buyer];
        ++calls["buy"];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = _bound(amount, 0, vault.balanceOf(from));
        vm.prank(from);
        _check(vault.transfer(to, amount), "transfer returned false");
        ++ghostSettlements[from];
        ++ghostSettlements[to];
        ++calls["transfer"];
    }

    function depositETH(uint256 amount, bool resale) external {
        amount = _bound(amount, 1, 100 ether);
        vm.deal(address(this), amount);
        if (resale) splitter.depositResaleRoyalty{value: amount}(tokenId, address(0), amount);
        else splitter.depositETH{value: amount}(tokenId);
        _credit(address(0), amount, resale);
        ++calls["depositETH"];
    }

    function depositMint(uint256 amount, bool resale) external {
        amount = _bound(amount, 1, 10_000 ether);
        if (mint.balanceOf(address(this)) < amount) return;
        if (resale) splitter.depositResaleRoyalty(tokenId, address(mint), amount);
        else splitter.depositToken(tokenId, address(mint), amount);
        _credit(address(mint), amount, resale);
        ++calls["depositMint"];
    }

    function claim(uint256 actorSeed) external {
        address account = _actor(actorSeed);
        uint256 owedETH = vault.claimable(account, address(0));
        uint256 owedMint = vault.claimable(account, address(mint));
        uint256 ethBefore = account.balance;
        uint256 mintBefore = mint.balanceOf(account);
        vm.prank(account);
        try vault.claim(account) returns (uint256[] memory amounts) {
            _check(amounts[0] == owedETH && amounts[1] == owedMint, "claim paid what claimable said");
            _check(account.balance - ethBefore == owedETH, "ETH arrived");
            _check(mint.balanceOf(account) - mintBefore == owedMint, "MINT arrived");
            ghostClaimed[account][address(0)] += owedETH;
            ghostClaimed[account][address(mint)] += owedMint;
            ghostClaimedTotal[address(0)] += owedETH;
            ghostClaimedTotal[address(mint)] += owedMint;
            ++calls["claim"];
        } catch {
            _check(owedETH == 0 && owedMint == 0, "a holder with income could not claim");
            ++calls["claimNothing"];
        }
        ++ghostSettlements[account];
    }

    function sync() external {
        vault.sync();
        ++calls["sync"];
    }

    /// @dev The pool renounces: what it earned and did not claim is forfeited to the other holders (IncomeShares'
    /// rule, so that nothing stays with a pool, which cannot claim). The sync before settles the income waiting at
    /// the source, so the forfeited amount is what `claimable` shows; the sync after shares it among the eligible
    /// holders of this moment (or it waits, if none), as the model does.
    function renounce() external {
        if (modelPoolRenounced) return;
        vault.sync();
        uint256[2] memory forfeited = [vault.claimable(pool, _assets[0]), vault.claimable(pool, _assets[1])];
        vm.prank(pool);
        vault.renounceIncome();
        modelPoolRenounced = true;
        vault.sync();
        for (uint256 a; a < 2; ++a) {
            address asset = _assets[a];
            _check(vault.claimable(pool, asset) == 0, "a renounced pool keeps nothing");
            modelIncomeScaled[pool][asset] = ghostClaimed[pool][asset] * _SCALE;
            _share(asset, forfeited[a]);
        }
        ++ghostSettlements[pool];
        ++calls["renounce"];
    }

    /// @dev The seller withdraws its own (remaining) creator income from the splitter.
    function sellerWithdraw(bool mintAsset) external {
        address asset = mintAsset ? address(mint) : address(0);
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        if (splitter.claimable(seller, asset, ids) == 0) return;
        vm.prank(seller);
        ghostSellerWithdrawn[asset] += splitter.withdraw(asset, ids, sink);
        ++calls["sellerWithdraw"];
    }

    function withdrawProceeds() external {
        if (vault.proceeds() == 0) return;
        vm.prank(seller);
        ghostSale.withdrawn += vault.withdrawProceeds(sink);
        ++calls["withdrawProceeds"];
    }

    function endSale() external {
        if (!vault.saleOpen()) return;
        vm.prank(seller);
        vault.endSale();
        ++calls["endSale"];
    }

    /// @dev Up to 60 days at a time: a 365-day term matures within a run.
    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 60 days));
        ++calls["warp"];
    }

    // ---------------------------------------------------------------- model reads

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function assets() external view returns (address[2] memory) {
        return _assets;
    }

    /// @dev What the eligible supply should be: every actor's balance except the pool's once it renounced.
    function modelEligible() public view returns (uint256 eligible) {
        for (uint256 i; i < _actors.length; ++i) {
            if (_actors[i] == pool && modelPoolRenounced) continue;
            eligible += vault.balanceOf(_actors[i]);
        }
    }

    // ---------------------------------------------------------------- internals

    /// @dev The split and the stream as IRoyaltySplitter states them (default split, curator and collector
    /// assigned), then the income shared among the eligible holders of this moment.
    function _credit(address asset, uint256 amount, bool resale) internal {
        uint256 curatorFirst = resale ? (amount * 3_000) / _BPS : 0;
        uint256 rest = amount - curatorFirst;
        uint256 creators = rest - (rest * 500) / _BPS - (rest * 1_500) / _BPS - (rest * 1_000) / _BPS;
        modelCreatorsPot[asset] += creators;
        if (block.timestamp >= vault.maturity()) return;
        uint256 part = (creators * SELLER_SHARE * 5_000) / (_BPS * _BPS);
        if (part == 0) return;
        modelCarved[asset] += part;
        _share(asset, part);
    }

    /// @dev `amount` of `asset` (and any income that waited) shared among the eligible holders of this moment, or
    /// waiting if there are none.
    function _share(address asset, uint256 amount) internal {
        uint256 eligible = modelEligible();
        if (eligible == 0) {
            modelWaiting[asset] += amount;
            return;
        }
        uint256 total = amount + modelWaiting[asset];
        modelWaiting[asset] = 0;
        for (uint256 i; i < _actors.length; ++i) {
            address account = _actors[i];
            if (account == pool && modelPoolRenounced) continue;
            modelIncomeScaled[account][asset] += (total * vault.balanceOf(account) * _SCALE) / eligible;
        }
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _check(bool condition, string memory what) internal {
        if (!condition && bytes(violation).length == 0) violation = what;
    }

    receive() external payable {}
}
