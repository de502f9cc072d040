// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {IRoyaltyVault} from "../interfaces/IRoyaltyVault.sol";
import {IRoyaltyVaultFactory} from "../interfaces/IRoyaltyVaultFactory.sol";
import {AuctionCurves} from "../libraries/AuctionCurves.sol";
import {RoyaltyVault} from "./RoyaltyVault.sol";

/// @title RoyaltyVaultFactory
/// @notice Creates royalty vaults and registers their streams with the splitter; owned by the timelock. See
/// IRoyaltyVaultFactory.
///
/// Why clones: every securitization gets its own share token, and a full ERC-20 deployment costs ~10x a minimal
/// proxy. The vault's terms travel as the clone's immutable arguments, so a clone needs no storage for them.
///
/// Why the caller is always the seller: the splitter trusts its stream registrars to have the seller's consent.
/// Starting streams for msg.sender only is that consent; no parameter names someone else's income.
///
/// Invariant: every vault listed here was initialized with the requested supply in the same transaction that
/// started its stream, with terms inside the bounds in force at the time. Holds no funds.
contract RoyaltyVaultFactory is IRoyaltyVaultFactory, Ownable {
    /// @notice Hard limits of the governance bounds on the term (seconds). The upper one is the splitter's
    /// MAX_STREAM_TERM: a longer stream could not start anyway.
    uint40 public constant MIN_TERM_LIMIT = 1 days;
    uint40 public constant MAX_TERM_LIMIT = 20 * 365 days;
    /// @notice The smallest supply (one whole share), and the hard limit on the governance bound of the largest
    /// (share units). Income per share is kept to 27 decimals: with at most 1e30 units, a division remainder
    /// carried to the next distribution is worth under 1,000 wei, and no product in the accounting nears 2^256.
    uint256 public constant MIN_SUPPLY = 1e18;
    uint256 public constant MAX_SUPPLY_LIMIT = 1e30;
    uint16 internal constant _BPS = 10_000;

    /// @notice The splitter whose streams the vaults receive (this factory must be one of its stream registrars).
    IRoyaltySplitter public immutable splitter;
    /// @inheritdoc IRoyaltyVaultFactory
    address public immutable implementation;

    /// @inheritdoc IRoyaltyVaultFactory
    uint40 public minTerm;
    /// @inheritdoc IRoyaltyVaultFactory
    uint40 public maxTerm;
    /// @inheritdoc IRoyaltyVaultFactory
    uint256 public maxSupply;
    /// @inheritdoc IRoyaltyVaultFactory
    address[] public allVaults;
    /// @inheritdoc IRoyaltyVaultFactory
    mapping(address vault => bool) public isVault;
    mapping(uint256 tokenId => address[]) private _vaultsOf;

    /// @param owner_ the timelock: sets the bounds
    /// @param splitter_ the RoyaltySplitter (the deploy then makes this factory a stream registrar)
    /// @param mintToken_ MINT: with ETH, the assets every vault's income is paid in
    /// @param minTerm_ the initial shortest term (seconds)
    /// @param maxTerm_ the initial longest term (seconds)
    /// @param maxSupply_ the initial largest supply (share units)
    constructor(
        address owner_,
        IRoyaltySplitter splitter_,
        address mintToken_,
        uint40 minTerm_,
        uint40 maxTerm_,
        uint256 maxSupply_
    ) Ownable(owner_) {
        splitter = splitter_;
        implementation = address(new RoyaltyVault(splitter_, mintToken_));
        _setTermBounds(minTerm_, maxTerm_);
        _setMaxSupply(maxSupply_);
    }

    /// @inheritdoc IRoyaltyVaultFactory
    function securitize(SecuritizeParams calldata params) external returns (address vault) {
        _validate(params);
        // term <= MAX_TERM_LIMIT: no uint40 overflow before the year 36,000
        uint40 maturity = uint40(block.timestamp) + params.term;
        vault = Clones.cloneWithImmutableArgs(
            implementation,
            abi.encode(
                IRoyaltyVault.Terms({
                    creator: msg.sender,
                    tokenId: params.tokenId,
                    bps: params.bps,
                    maturity: maturity,
                    saleStart: uint40(block.timestamp),
                    saleDuration: params.saleDuration,
                    curve: params.curve,
                    startPrice: params.startPrice,
                    endPrice: params.endPrice
                })
            )
        );
        uint256 index = allVaults.length;
        allVaults.push(vault);
        _vaultsOf[params.tokenId].push(vault);
        isVault[vault] = true;
        emit VaultCreated(params.tokenId, msg.sender, vault, maturity, index, params);

        IRoyaltyVault(vault).initialize(params.supply, params.saleAmount, params.name, params.symbol);
        // the splitter checks that the caller is a creator of the track and that no stream is active on it
        splitter.startStream(params.tokenId, msg.sender, vault, params.bps, maturity);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRoyaltyVaultFactory
    function vaultsOf(uint256 tokenId) external view returns (address[] memory) {
        return _vaultsOf[tokenId];
    }

    /// @inheritdoc IRoyaltyVaultFactory
    function allVaultsLength() external view returns (uint256) {
        return allVaults.length;
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRoyaltyVaultFactory
    function setTermBounds(uint40 minTerm_, uint40 maxTerm_) external onlyOwner {
        _setTermBounds(minTerm_, maxTerm_);
    }

    /// @inheritdoc IRoyaltyVaultFactory
    function setMaxSupply(uint256 maxSupply_) external onlyOwner {
        _setMaxSupply(maxSupply_);
    }

    // ---------------------------------------------------------------- internals

    function _validate(SecuritizeParams calldata params) private view {
        if (params.bps == 0 || params.bps > _BPS) revert RoyaltyVaultFactoryInvalidBps(params.bps);
        (uint40 minTerm_, uint40 maxTerm_) = (minTerm, maxTerm);
        if (params.term < minTerm_ || params.term > maxTerm_) {
            revert RoyaltyVaultFactoryInvalidTerm(params.term, minTerm_, maxTerm_);
        }
        uint256 maxSupply_ = maxSupply;
        if (params.supply < MIN_SUPPLY || params.supply > maxSupply_) {
            revert RoyaltyVaultFactoryInvalidSupply(params.supply, maxSupply_);
        }
        if (params.saleAmount > params.supply) {
            revert RoyaltyVaultFactoryInvalidSaleAmount(params.saleAmount, params.supply);
        }
        // Without a sale the prices are never read. With one, a zero price would give shares away (cost rounds up
        // from a non-zero price only), and a fixed-price sale has one price.
        if (
            params.saleAmount != 0 &&
            (params.endPrice == 0 ||
                !AuctionCurves.isValid(params.curve, params.startPrice, params.endPrice) ||
                params.saleDuration > params.term ||
                (params.saleDuration == 0 && params.startPrice != params.endPrice))
        ) revert RoyaltyVaultFactoryInvalidSale();
    }

    function _setTermBounds(uint40 minTerm_, uint40 maxTerm_) private {
        if (minTerm_ < MIN_TERM_LIMIT || maxTerm_ > MAX_TERM_LIMIT || minTerm_ > maxTerm_) {
            revert RoyaltyVaultFactoryInvalidTermBounds(minTerm_, maxTerm_);
        }
        (minTerm, maxTerm) = (minTerm_, maxTerm_);
        emit TermBoundsSet(minTerm_, maxTerm_);
    }

    function _setMaxSupply(uint256 maxSupply_) private {
        if (maxSupply_ < MIN_SUPPLY || maxSupply_ > MAX_SUPPLY_LIMIT) {
            revert RoyaltyVaultFactoryInvalidMaxSupply(maxSupply_);
        }
        maxSupply = maxSupply_;
        emit MaxSupplySet(maxSupply_);
    }
}
