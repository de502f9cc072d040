// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IMusicNFT} from "../interfaces/IMusicNFT.sol";
import {IpfsCid} from "../libraries/IpfsCid.sol";

/// @title MusicNFT
/// @notice Music tracks as ERC-721 + EIP-2981 tokens whose mint is the copyright record (see IMusicNFT).
///
/// Invariant: this contract's ETH balance is exactly the ETH mint fees not yet swept to the treasury.
///
/// Storage per track: the token id is the content hash, so "registered once" is the ERC-721 existence check and a
/// lookup by hash is free; the registrant, tier, license, registration time, CID codec and co-author count share one
/// slot; the metadata CID is kept as its 32-byte digest (one slot; `tokenURI` renders `ipfs://bafy...`). Co-authors,
/// when there are any, take one slot each. Nothing that identifies a work has a setter.
///
/// Royalties: `royaltyInfo` names the RoyaltySplitter as receiver at the rate of the track's tier when it was minted
/// (kept in the record's spare 16 bits, so a tier change never re-rates existing tracks). Protocol sales deposit
/// the royalty for the track itself; ETH a foreign marketplace sends to the splitter without naming a track cannot
/// be attributed (see RoyaltySplitter).
contract MusicNFT is ERC721, IERC2981, Ownable, IMusicNFT {
    using SafeERC20 for IERC20;

    /// @notice Tier flag: the tier records the generator's full parameters off chain (pro tier).
    uint32 public constant FLAG_FULL_GENERATOR_PARAMS = 1 << 0;
    /// @notice Tier flag: tracks of this tier may be licensed commercially.
    uint32 public constant FLAG_COMMERCIAL_LICENSE = 1 << 1;

    /// @notice Bounds governance may set a tier within.
    uint16 public constant MAX_ROYALTY_BPS = 1_000;
    uint8 public constant MAX_CO_AUTHORS = 16;
    uint16 internal constant _BPS = 10_000;

    /// @dev One slot: everything about a track but its metadata digest and co-authors.
    struct PackedRecord {
        address registrant;
        uint8 tier;
        uint16 licenseId;
        uint40 registeredAt;
        uint8 metadataCodec;
        uint8 coAuthorCount;
        uint16 royaltyBps; // the tier's rate when the track was minted: later tier changes never re-rate a track
    }

    /// @dev co-author: account (160) | share bps (16), one slot each
    struct PackedCoAuthor {
        address account;
        uint16 shareBps;
    }

    /// @notice Bounds of the commit–reveal timing (constructor).
    uint40 public constant MAX_MIN_COMMIT_AGE = 1 hours;
    uint40 public constant MAX_COMMIT_WINDOW = 7 days;

    /// @notice A commitment registers a work only once it is this old (seconds): a copier who learns the content
    /// hash from the reveal would need the reveal to stay unmined this long to commit and reveal first.
    uint40 public immutable minCommitAge;
    /// @notice A commitment registers a work only until it is this old (seconds).
    uint40 public immutable commitWindow;

    /// @notice Where mint fees go (the timelock).
    address public immutable treasury;
    /// @notice Receives every track's EIP-2981 royalty: the RoyaltySplitter.
    address public immutable royaltyReceiver;
    /// @notice Upper bound of any tier's mint fee, per fee unit (governance bound).
    uint96 public immutable maxMintFee;

    mapping(uint256 tokenId => PackedRecord) private _records;
    mapping(uint256 tokenId => bytes32) private _metadataDigests;
    mapping(uint256 tokenId => mapping(uint256 index => PackedCoAuthor)) private _coAuthors;
    mapping(uint8 tier => TierConfig) private _tiers;
    mapping(bytes32 commitment => uint40 committedAt) private _commitments;

    /// @param owner_ the timelock: sets tiers
    /// @param treasury_ receives mint fees
    /// @param royaltyReceiver_ the RoyaltySplitter
    /// @param maxMintFee_ bound on every tier's fee
    /// @param tierIds initial tiers (e.g. 0 basic, 1 pro)
    /// @param tiers their configuration
    /// @param minCommitAge_ seconds a commitment must wait before its reveal (see `mintCommitted`)
    /// @param commitWindow_ seconds after which a commitment expires
    constructor(
        address owner_,
        address treasury_,
        address royaltyReceiver_,
        uint96 maxMintFee_,
        uint8[] memory tierIds,
        TierConfig[] memory tiers,
        uint40 minCommitAge_,
        uint40 commitWindow_
    ) ERC721("FlyAIMusic Track", "TRACK") Ownable(owner_) {
        if (
            minCommitAge_ == 0 ||
            minCommitAge_ > MAX_MIN_COMMIT_AGE ||
            commitWindow_ <= minCommitAge_ ||
            commitWindow_ > MAX_COMMIT_WINDOW
        ) {
            revert MusicNFTCommitTimingOutOfBounds(minCommitAge_, commitWindow_);
        }
        minCommitAge = minCommitAge_;
        commitWindow = commitWindow_;
        treasury = treasury_;
        maxMintFee = maxMintFee_;
        royaltyReceiver = royaltyReceiver_;
        for (uint256 i; i < tierIds.length; ++i) _setTierConfig(tierIds[i], tiers[i]);
    }

    // ---------------------------------------------------------------- minting

    /// @inheritdoc IMusicNFT
    /// @dev One transaction: the content hash is public while it waits to be mined, so a copier who submits the
    /// same request first becomes the registrant. `commitRegistration` + `mintCommitted` is the path that cannot be
    /// taken from its author; this one is for those who accept the risk (the README says so).
    function mint(MintRequest calldata request) external payable returns (uint256 tokenId) {
        return _register(request);
    }

    /// @inheritdoc IMusicNFT
    function commitRegistration(bytes32 commitment) external {
        if (commitment == bytes32(0)) revert MusicNFTEmptyHash();
        // the earliest commit counts: a copy of this transaction (same bytes) cannot move it later
        if (_commitments[commitment] != 0) return;
        uint40 now_ = uint40(block.timestamp);
        _commitments[commitment] = now_;
        emit RegistrationCommitted(commitment, now_);
    }

    /// @inheritdoc IMusicNFT
    function mintCommitted(MintRequest calldata request, bytes32 salt) external payable returns (uint256 tokenId) {
        bytes32 commitment = registrationCommitment(request.contentHash, msg.sender, salt);
        uint256 committed = _commitments[commitment];
        if (committed == 0) revert MusicNFTUnknownCommitment(commitment);
        if (block.timestamp < committed + minCommitAge) revert MusicNFTCommitmentTooNew(committed + minCommitAge);
        if (block.timestamp > committed + commitWindow) revert MusicNFTCommitmentExpired(committed + commitWindow);
        delete _commitments[commitment];
        return _register(request);
    }

    /// @inheritdoc IMusicNFT
    function registrationCommitment(bytes32 contentHash, address author, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(contentHash, author, salt));
    }

    /// @inheritdoc IMusicNFT
    function committedAt(bytes32 commitment) external view returns (uint40) {
        return _commitments[commitment];
    }

    /// @dev The registration itself, for `msg.sender`: checks, the record, the token, the fee.
    function _register(MintRequest calldata request) private returns (uint256 tokenId) {
        if (request.contentHash == bytes32(0) || request.metadataDigest == bytes32(0)) revert MusicNFTEmptyHash();
        if (request.metadataCodec != IpfsCid.DAG_PB && request.metadataCodec != IpfsCid.RAW) {
            revert MusicNFTUnsupportedCodec(request.metadataCodec);
        }
        tokenId = uint256(request.contentHash);
        if (_ownerOf(tokenId) != address(0)) revert MusicNFTContentAlreadyRegistered(tokenId);
        TierConfig memory tier = _tiers[request.tier];
        if (!tier.enabled) revert MusicNFTTierDisabled(request.tier);

        uint256 coAuthorCount = request.coAuthors.length;
        if (coAuthorCount > tier.maxCoAuthors) revert MusicNFTTooManyCoAuthors(coAuthorCount, tier.maxCoAuthors);
        (address[] memory creators, uint16[] memory shares) = _storeCoAuthors(tokenId, request.coAuthors);

        uint40 now_ = uint40(block.timestamp);
        _records[tokenId] = PackedRecord({
            registrant: msg.sender,
            tier: request.tier,
            licenseId: request.licenseId,
            registeredAt: now_,
            metadataCodec: request.metadataCodec,
            coAuthorCount: uint8(coAuthorCount),
            royaltyBps: tier.royaltyBps
        });
        _metadataDigests[tokenId] = request.metadataDigest;
        _mint(request.to, tokenId);
        emit TrackRegistered(
            tokenId,
            msg.sender,
            request.to,
            request.metadataDigest,
            request.metadataCodec,
            request.tier,
            request.licenseId,
            now_
        );
        if (coAuthorCount != 0) emit CoAuthorsRegistered(tokenId, creators, shares);
        _collectFee(tokenId, tier);
    }

    /// @dev Checks and stores the co-authors; returns every creator (registrant first) with their shares.
    function _storeCoAuthors(
        uint256 tokenId,
        CoAuthor[] calldata coAuthors
    ) private returns (address[] memory creators, uint16[] memory shares) {
        uint256 count = coAuthors.length;
        creators = new address[](count + 1);
        shares = new uint16[](count + 1);
        creators[0] = msg.sender;
        uint256 given;
        for (uint256 i; i < count; ++i) {
            CoAuthor calldata coAuthor = coAuthors[i];
            if (coAuthor.account == address(0) || coAuthor.shareBps == 0) revert MusicNFTInvalidCoAuthors();
            for (uint256 j; j <= i; ++j) {
                if (creators[j] == coAuthor.account) revert MusicNFTInvalidCoAuthors();
            }
            given += coAuthor.shareBps;
            creators[i + 1] = coAuthor.account;
            shares[i + 1] = coAuthor.shareBps;
            _coAuthors[tokenId][i] = PackedCoAuthor(coAuthor.account, coAuthor.shareBps);
        }
        // the registrant keeps the rest and must keep some: a record names its author
        if (given >= _BPS) revert MusicNFTInvalidCoAuthors();
        shares[0] = uint16(_BPS - given);
    }

    function _collectFee(uint256 tokenId, TierConfig memory tier) private {
        uint256 fee = tier.mintFee;
        if (tier.feeToken == address(0)) {
            // held here: anyone sweeps it to the treasury (a transfer per mint would cost every creator ~9,000 gas)
            if (msg.value != fee) revert MusicNFTWrongFee(msg.value, fee);
        } else {
            if (msg.value != 0) revert MusicNFTWrongFee(msg.value, 0);
            if (fee != 0) IERC20(tier.feeToken).safeTransferFrom(msg.sender, treasury, fee);
        }
        if (fee != 0) emit MintFeePaid(tokenId, msg.sender, tier.feeToken, fee);
    }

    /// @inheritdoc IMusicNFT
    function sweepFees() external returns (uint256 amount) {
        amount = address(this).balance;
        if (amount == 0) revert MusicNFTNothingToSweep();
        emit MintFeesSwept(treasury, amount);
        SafeTransferLib.safeTransferETH(treasury, amount);
    }

    // ---------------------------------------------------------------- records

    /// @inheritdoc IMusicNFT
    function trackOf(uint256 tokenId) external view returns (Track memory track) {
        PackedRecord memory record = _record(tokenId);
        (address[] memory accounts, uint16[] memory shares) = creatorsOf(tokenId);
        CoAuthor[] memory creators = new CoAuthor[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) creators[i] = CoAuthor(accounts[i], shares[i]);
        track = Track({
            contentHash: bytes32(tokenId),
            metadataDigest: _metadataDigests[tokenId],
            metadataCodec: record.metadataCodec,
            tier: record.tier,
            licenseId: record.licenseId,
            registeredAt: record.registeredAt,
            registrant: record.registrant,
            creators: creators
        });
    }

    /// @inheritdoc IMusicNFT
    function tokenIdOfContent(bytes32 contentHash) external view returns (uint256) {
        return _records[uint256(contentHash)].registrant == address(0) ? 0 : uint256(contentHash);
    }

    /// @inheritdoc IMusicNFT
    function tierOf(uint256 tokenId) external view returns (uint8) {
        return _record(tokenId).tier;
    }

    /// @inheritdoc IMusicNFT
    function registeredAt(uint256 tokenId) external view returns (uint40) {
        return _record(tokenId).registeredAt;
    }

    /// @inheritdoc IMusicNFT
    function creatorsOf(uint256 tokenId) public view returns (address[] memory accounts, uint16[] memory shares) {
        PackedRecord memory record = _record(tokenId);
        uint256 count = record.coAuthorCount;
        accounts = new address[](count + 1);
        shares = new uint16[](count + 1);
        accounts[0] = record.registrant;
        uint256 given;
        for (uint256 i; i < count; ++i) {
            PackedCoAuthor memory coAuthor = _coAuthors[tokenId][i];
            accounts[i + 1] = coAuthor.account;
            shares[i + 1] = coAuthor.shareBps;
            given += coAuthor.shareBps;
        }
        shares[0] = uint16(_BPS - given);
    }

    /// @inheritdoc IMusicNFT
    function creatorShareOf(uint256 tokenId, address account) external view returns (uint16) {
        (address[] memory accounts, uint16[] memory shares) = creatorsOf(tokenId);
        for (uint256 i; i < accounts.length; ++i) if (accounts[i] == account) return shares[i];
        return 0;
    }

    /// @inheritdoc IMusicNFT
    function exists(uint256 tokenId) external view returns (bool) {
        return _records[tokenId].registrant != address(0);
    }

    /// @notice `ipfs://<CIDv1>` of the track's metadata JSON (ERC-721 metadata: name, description, image,
    /// animation_url of the audio, attributes).
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        PackedRecord memory record = _record(tokenId);
        return string.concat("ipfs://", IpfsCid.toString(record.metadataCodec, _metadataDigests[tokenId]));
    }

    /// @notice EIP-2981: the RoyaltySplitter receives the track's rate (its tier's rate at mint) of every sale.
    function royaltyInfo(
        uint256 tokenId,
        uint256 salePrice
    ) external view returns (address receiver, uint256 royaltyAmount) {
        return (royaltyReceiver, (salePrice * _record(tokenId).royaltyBps) / _BPS);
    }

    function _record(uint256 tokenId) private view returns (PackedRecord memory record) {
        record = _records[tokenId];
        if (record.registrant == address(0)) revert MusicNFTUnknownTrack(tokenId);
    }

    // ---------------------------------------------------------------- tiers

    /// @inheritdoc IMusicNFT
    function tierConfig(uint8 tier) external view returns (TierConfig memory) {
        return _tiers[tier];
    }

    /// @inheritdoc IMusicNFT
    function setTierConfig(uint8 tier, TierConfig calldata config) external onlyOwner {
        _setTierConfig(tier, config);
    }

    function _setTierConfig(uint8 tier, TierConfig memory config) private {
        if (config.royaltyBps > MAX_ROYALTY_BPS || config.mintFee > maxMintFee || config.maxCoAuthors > MAX_CO_AUTHORS)
            revert MusicNFTTierOutOfBounds(tier);
        _tiers[tier] = config;
        emit TierConfigured(tier, config);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == type(IERC2981).interfaceId || super.supportsInterface(interfaceId);
    }
}
