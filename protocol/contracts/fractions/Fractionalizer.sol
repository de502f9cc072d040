// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IFractionalizer} from "../interfaces/IFractionalizer.sol";
import {IFractionVault} from "../interfaces/IFractionVault.sol";
import {IRoyaltySplitter} from "../interfaces/IRoyaltySplitter.sol";
import {FractionVault} from "./FractionVault.sol";

/// @title Fractionalizer
/// @notice Creates FractionVaults, one per fractionalized track, and holds the governance parameters new vaults
/// copy (see IFractionalizer for the two steps that give a vault the track's collector income).
///
/// Each vault is an OpenZeppelin minimal clone of one FractionVault implementation (deployed by this constructor,
/// so it can only be the code reviewed with this factory), with the vault's `Terms` as immutable arguments: a
/// vault costs a clone and its token storage, not a contract deployment, and its rules cannot change.
///
/// Invariant: `vaultOf(tokenId)` is the only vault of `tokenId` that is not Sold; it holds the NFT. Holds no funds.
contract Fractionalizer is IFractionalizer, Ownable {
    /// @notice Bounds of a vault's supply of fractions (18 decimals): from one whole fraction to a trillion.
    uint256 public constant MIN_SUPPLY = 1e18;
    uint256 public constant MAX_SUPPLY = 1e30;
    /// @notice Bounds and default of the buyout window (seconds).
    uint256 public constant MIN_BUYOUT_WINDOW = 1 days;
    uint256 public constant MAX_BUYOUT_WINDOW = 14 days;
    uint256 public constant DEFAULT_BUYOUT_WINDOW = 3 days;
    /// @notice Bounds and default of the objection threshold (basis points of the fractions a bid contests).
    uint256 public constant MIN_OBJECTION_THRESHOLD_BPS = 1_000;
    uint256 public constant MAX_OBJECTION_THRESHOLD_BPS = 9_000;
    uint256 public constant DEFAULT_OBJECTION_THRESHOLD_BPS = 5_000;
    /// @notice Longest token name and symbol (bytes).
    uint256 public constant MAX_NAME_LENGTH = 64;
    uint256 public constant MAX_SYMBOL_LENGTH = 16;

    /// @notice The MusicNFT collection.
    IERC721 public immutable musicNFT;
    /// @notice The RoyaltySplitter the vaults' income comes from.
    IRoyaltySplitter public immutable splitter;
    /// @notice MINT, the vaults' second income asset (ETH is the first).
    address public immutable mintToken;
    /// @notice The FractionVault every vault is a clone of.
    address public immutable implementation;

    /// @inheritdoc IFractionalizer
    uint256 public buyoutWindow;
    /// @inheritdoc IFractionalizer
    uint256 public objectionThresholdBps;

    /// @inheritdoc IFractionalizer
    mapping(uint256 tokenId => address) public vaultOf;
    /// @inheritdoc IFractionalizer
    mapping(address account => bool) public isVault;

    /// @param owner_ the timelock: sets the buyout window and the objection threshold
    /// @param musicNFT_ the MusicNFT collection
    /// @param splitter_ the RoyaltySplitter
    /// @param mintToken_ MINT
    constructor(address owner_, IERC721 musicNFT_, IRoyaltySplitter splitter_, address mintToken_) Ownable(owner_) {
        // a zero MINT would list ETH twice as an income asset and pay it twice
        if (address(musicNFT_) == address(0) || address(splitter_) == address(0) || mintToken_ == address(0)) {
            revert FractionalizerZeroAddress();
        }
        musicNFT = musicNFT_;
        splitter = splitter_;
        mintToken = mintToken_;
        implementation = address(new FractionVault());
        _setBuyoutWindow(DEFAULT_BUYOUT_WINDOW);
        _setObjectionThresholdBps(DEFAULT_OBJECTION_THRESHOLD_BPS);
    }

    /// @inheritdoc IFractionalizer
    function fractionalize(
        uint256 tokenId,
        uint256 supply,
        uint256 reservePrice,
        string calldata name,
        string calldata symbol
    ) external returns (address vault) {
        _validate(supply, reservePrice, name, symbol);
        // Only the owner, never an approved operator: the fractions go to the caller.
        if (musicNFT.ownerOf(tokenId) != msg.sender) revert FractionalizerNotOwner(tokenId, msg.sender);
        // Unreachable while custody holds (a live vault owns the NFT); checked so the invariant does not rest on
        // the NFT contract alone.
        address previous = vaultOf[tokenId];
        if (previous != address(0) && IFractionVault(previous).state() != IFractionVault.State.Sold) {
            revert FractionalizerAlreadyFractionalized(tokenId, previous);
        }

        IFractionVault.Terms memory terms = IFractionVault.Terms({
            fractionalizer: address(this),
            nft: address(musicNFT),
            splitter: address(splitter),
            mintToken: mintToken,
            tokenId: tokenId,
            supply: supply,
            reservePrice: reservePrice,
            buyoutWindow: buyoutWindow,
            objectionThresholdBps: objectionThresholdBps
        });
        vault = Clones.cloneWithImmutableArgs(implementation, abi.encode(terms));
        vaultOf[tokenId] = vault;
        isVault[vault] = true;
        emit Fractionalized(
            tokenId,
            vault,
            msg.sender,
            supply,
            reservePrice,
            terms.buyoutWindow,
            terms.objectionThresholdBps,
            name,
            symbol
        );
        // the trusted MusicNFT and the vault's own code: no callback reaches this contract
        musicNFT.transferFrom(msg.sender, vault, tokenId);
        IFractionVault(vault).initialize(name, symbol, msg.sender);
    }

    /// @inheritdoc IFractionalizer
    function incomeAssets() external view returns (address[] memory assets) {
        assets = new address[](2);
        (assets[0], assets[1]) = (address(0), mintToken);
    }

    /// @inheritdoc IFractionalizer
    function setBuyoutWindow(uint256 window) external onlyOwner {
        _setBuyoutWindow(window);
    }

    /// @inheritdoc IFractionalizer
    function setObjectionThresholdBps(uint256 bps) external onlyOwner {
        _setObjectionThresholdBps(bps);
    }

    function _validate(
        uint256 supply,
        uint256 reservePrice,
        string calldata name,
        string calldata symbol
    ) private pure {
        if (supply < MIN_SUPPLY || supply > MAX_SUPPLY) revert FractionalizerSupplyOutOfBounds(supply);
        // No lower bound beyond zero: payouts are mulDiv(price, amount, supply), so no per-fraction price exists
        // to round to zero; a holder gets its exact share of the bid, rounded down once.
        if (reservePrice == 0) revert FractionalizerZeroReservePrice();
        if (bytes(name).length == 0 || bytes(name).length > MAX_NAME_LENGTH) revert FractionalizerInvalidName();
        if (bytes(symbol).length == 0 || bytes(symbol).length > MAX_SYMBOL_LENGTH) {
            revert FractionalizerInvalidSymbol();
        }
    }

    function _setBuyoutWindow(uint256 window) private {
        if (window < MIN_BUYOUT_WINDOW || window > MAX_BUYOUT_WINDOW) {
            revert FractionalizerBuyoutWindowOutOfBounds(window);
        }
        emit BuyoutWindowSet(buyoutWindow, window);
        buyoutWindow = window;
    }

    function _setObjectionThresholdBps(uint256 bps) private {
        if (bps < MIN_OBJECTION_THRESHOLD_BPS || bps > MAX_OBJECTION_THRESHOLD_BPS) {
            revert FractionalizerObjectionThresholdOutOfBounds(bps);
        }
        emit ObjectionThresholdSet(objectionThresholdBps, bps);
        objectionThresholdBps = bps;
    }
}
