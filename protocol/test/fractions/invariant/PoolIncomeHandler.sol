// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFractionVault} from "../../../contracts/interfaces/IFractionVault.sol";
import {IRoyaltySplitter} from "../../../contracts/interfaces/IRoyaltySplitter.sol";
import {FractionVault} from "../../../contracts/fractions/FractionVault.sol";
import {Pool} from "../../../contracts/pools/Pool.sol";
import {PoolFactory} from "../../../contracts/pools/PoolFactory.sol";

/// @notice Drives a fractions vault (holding its track's collector role) and its fractions/MINT pool's address
/// through the pool-renounce attack and everything around it, in any order: fractions donated to the pool's CREATE2
/// address before and after the pool exists, ETH and MINT royalties deposited (income waiting at the splitter),
/// syncs, claims, transfers between holders, the pool's creation (once, at any point) and skims that take donated
/// fractions back out of the pool. `collector` never moves its 400 fractions, so some fractions always earn.
///
/// Ghosts: what each account claimed, per asset, and how many settlements happened (each may round a wei away).
contract PoolIncomeHandler is CommonBase, StdCheats, StdUtils {
    FractionVault public immutable vault;
    PoolFactory public immutable factory;
    IRoyaltySplitter public immutable splitter;
    IERC20 public immutable mint;
    uint256 public immutable tokenId;
    /// @dev the fractions/MINT pool's address, known before the pool exists
    address public immutable predicted;

    address public pool;
    address[] internal _actors;
    address[] internal _movers;
    address[2] internal _assets;

    mapping(address account => mapping(address asset => uint256)) public ghostClaimed;
    mapping(address asset => uint256) public ghostClaimedTotal;
    uint256 public ghostSettlements;
    mapping(bytes32 action => uint256) public calls;

    /// @dev the first check that failed inside an action (a revert there would be discarded by the fuzzer)
    string public violation;

    /// @param actors_ every holder; the first keeps its fractions (the others donate, move and claim)
    constructor(FractionVault vault_, PoolFactory factory_, IERC20 mint_, address[] memory actors_) {
        vault = vault_;
        factory = factory_;
        mint = mint_;
        IFractionVault.Terms memory terms = vault_.terms();
        splitter = IRoyaltySplitter(terms.splitter);
        tokenId = terms.tokenId;
        predicted = factory_.poolAddress(address(vault_), address(mint_));
        _actors = actors_;
        for (uint256 i = 1; i < actors_.length; ++i) _movers.push(actors_[i]);
        _assets = [address(0), address(mint_)];
        mint_.approve(address(splitter), type(uint256).max);
    }

    // ---------------------------------------------------------------- actions

    /// @dev Fractions sent to the pool's address, whether or not the pool exists yet.
    function donate(uint256 actorSeed, uint256 amount) external {
        address from = _mover(actorSeed);
        amount = _bound(amount, 0, vault.balanceOf(from));
        vm.prank(from);
        _check(vault.transfer(predicted, amount), "donation returned false");
        ghostSettlements += 2;
        ++calls["donate"];
    }

    function depositETH(uint256 amount) external {
        amount = _bound(amount, 1, 100 ether);
        vm.deal(address(this), amount);
        splitter.depositETH{value: amount}(tokenId);
        ++calls["depositETH"];
    }

    function depositMint(uint256 amount) external {
        amount = _bound(amount, 1, 10_000 ether);
        if (mint.balanceOf(address(this)) < amount) return;
        splitter.depositToken(tokenId, address(mint), amount);
        ++calls["depositMint"];
    }

    function sync() external {
        vault.sync();
        ++calls["sync"];
    }

    function createPool() external {
        if (pool != address(0)) return;
        pool = factory.createPool(address(vault), address(mint));
        _check(pool == predicted, "the pool is at its predicted address");
        _check(vault.incomeRenounced(pool), "the pool renounced");
        ghostSettlements += 1;
        ++calls["createPool"];
    }

    /// @dev Anyone takes what the pool holds beyond its reserves (all of a donation, with no liquidity in it).
    function skim(uint256 actorSeed) external {
        if (pool == address(0)) return;
        Pool(pool).skim(_mover(actorSeed));
        ghostSettlements += 2;
        ++calls["skim"];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _mover(fromSeed);
        address to = _mover(toSeed);
        amount = _bound(amount, 0, vault.balanceOf(from));
        vm.prank(from);
        _check(vault.transfer(to, amount), "transfer returned false");
        ghostSettlements += 2;
        ++calls["transfer"];
    }

    function claim(uint256 actorSeed) external {
        address account = _actors[actorSeed % _actors.length];
        uint256 owedETH = vault.claimable(account, address(0));
        uint256 owedMint = vault.claimable(account, address(mint));
        vm.prank(account);
        try vault.claim(account) returns (uint256[] memory amounts) {
            _check(amounts[0] == owedETH && amounts[1] == owedMint, "claim paid what claimable said");
            ghostClaimed[account][address(0)] += owedETH;
            ghostClaimed[account][address(mint)] += owedMint;
            ghostClaimedTotal[address(0)] += owedETH;
            ghostClaimedTotal[address(mint)] += owedMint;
            ++calls["claim"];
        } catch {
            _check(owedETH == 0 && owedMint == 0, "a holder with income could not claim");
            ++calls["claimNothing"];
        }
        ghostSettlements += 1;
    }

    // ---------------------------------------------------------------- reads

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function assets() external view returns (address[2] memory) {
        return _assets;
    }

    /// @dev Every unit of `asset` income the vault received or can collect: what it holds, what it paid out, and
    /// what waits for it at the splitter.
    function income(address asset) external view returns (uint256) {
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        uint256 held = asset == address(0) ? address(vault).balance : mint.balanceOf(address(vault));
        return held + ghostClaimedTotal[asset] + splitter.claimable(address(vault), asset, ids);
    }

    // ---------------------------------------------------------------- internals

    function _mover(uint256 seed) internal view returns (address) {
        return _movers[seed % _movers.length];
    }

    function _check(bool condition, string memory what) internal {
        if (!condition && bytes(violation).length == 0) violation = what;
    }

    receive() external payable {}
}
