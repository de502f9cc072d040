// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IMusicNFT
/// @notice Music tracks as ERC-721 tokens whose mint is the on-chain copyright record: who registered which audio
/// (sha-256 of the audio bytes), when, with which metadata, co-authors, license and tier. The token id IS the content
/// hash (`tokenId == uint256(contentHash)`), so a recording registers once and lookups by hash need no index. Nothing
/// that identifies the work can change after mint. Royalties (EIP-2981) go to the RoyaltySplitter.
interface IMusicNFT {
    /// @notice A co-author of a track and their part of the creator share, in basis points of the creator share.
    struct CoAuthor {
        address account;
        uint16 shareBps;
    }

    /// @notice What a creator submits to register a track.
    struct MintRequest {
        bytes32 contentHash; // sha-256 of the audio bytes
        bytes32 metadataDigest; // sha-256 digest inside the metadata's IPFS CID (CIDv1, see metadataCodec)
        uint8 metadataCodec; // multicodec of that CID: 0x70 dag-pb (`ipfs add` of a file) or 0x55 raw
        uint8 tier; // a tier id configured by governance
        uint16 licenseId; // the license the work is offered under (ids documented in the README)
        address to; // who receives the token (usually the creator)
        CoAuthor[] coAuthors; // besides the registrant; the registrant keeps 10,000 bps minus their shares
    }

    /// @notice The copyright record of a track.
    struct Track {
        bytes32 contentHash;
        bytes32 metadataDigest;
        uint8 metadataCodec;
        uint8 tier;
        uint16 licenseId;
        uint40 registeredAt; // seconds
        address registrant; // the lead creator
        CoAuthor[] creators; // every creator with their share of the creator revenue; sums to 10,000
    }

    /// @notice A tier: what registering costs and what it grants. Set by governance within bounds.
    struct TierConfig {
        bool enabled;
        address feeToken; // address(0) = ETH, else an ERC-20 (MINT)
        uint96 mintFee; // in feeToken units
        uint16 royaltyBps; // EIP-2981 rate of this tier's tracks, basis points of the sale price
        uint8 maxCoAuthors;
        uint32 flags; // FLAG_* bits
    }

    /// @notice The copyright record: `registrant` registered the audio whose sha-256 is `tokenId` at `registeredAt`
    /// under this tier and license, with this metadata. A co-authored track also emits CoAuthorsRegistered.
    event TrackRegistered(
        uint256 indexed tokenId,
        address indexed registrant,
        address indexed owner,
        bytes32 metadataDigest,
        uint8 metadataCodec,
        uint8 tier,
        uint16 licenseId,
        uint40 registeredAt
    );

    /// @notice The creators of a co-authored track with their shares of the creator revenue (bps; the registrant
    /// first). Solo tracks do not emit it: their registrant holds 10,000 bps.
    event CoAuthorsRegistered(uint256 indexed tokenId, address[] creators, uint16[] shares);

    /// @notice Governance set tier `tier`.
    event TierConfigured(uint8 indexed tier, TierConfig config);

    /// @notice A mint paid its tier's fee: MINT straight to the treasury, ETH held here until `sweepFees`.
    event MintFeePaid(uint256 indexed tokenId, address indexed payer, address feeToken, uint256 amount);

    /// @notice The ETH mint fees held here were sent to the treasury.
    event MintFeesSwept(address indexed treasury, uint256 amount);

    /// @notice Someone committed to registering a work without showing it: `commitment` is
    /// `registrationCommitment(contentHash, author, salt)`. The earliest commit of a commitment is the one kept.
    event RegistrationCommitted(bytes32 indexed commitment, uint40 committedAt);

    /// @notice The audio was already registered as `tokenId` (its token id is the content hash).
    error MusicNFTContentAlreadyRegistered(uint256 tokenId);
    /// @notice A content hash or metadata digest of zero.
    error MusicNFTEmptyHash();
    /// @notice The CID codec is not dag-pb (0x70) or raw (0x55).
    error MusicNFTUnsupportedCodec(uint8 codec);
    /// @notice The tier is not enabled.
    error MusicNFTTierDisabled(uint8 tier);
    /// @notice More co-authors than the tier allows.
    error MusicNFTTooManyCoAuthors(uint256 given, uint256 allowed);
    /// @notice A co-author is the zero address, the registrant, listed twice, or has a zero share; or shares exceed
    /// 10,000 bps.
    error MusicNFTInvalidCoAuthors();
    /// @notice The ETH sent is not the tier's fee.
    error MusicNFTWrongFee(uint256 sent, uint256 required);
    /// @notice A tier setting is out of its bounds.
    error MusicNFTTierOutOfBounds(uint8 tier);
    /// @notice No track with this id.
    error MusicNFTUnknownTrack(uint256 tokenId);
    /// @notice No ETH fees to sweep.
    error MusicNFTNothingToSweep();
    /// @notice No commitment of this content by this author with this salt (commit first, then mint with it).
    error MusicNFTUnknownCommitment(bytes32 commitment);
    /// @notice The commitment is younger than the minimum age: reveal from `revealableAt` (seconds).
    error MusicNFTCommitmentTooNew(uint256 revealableAt);
    /// @notice The commitment's reveal window ended at `expiredAt` (seconds): commit again.
    error MusicNFTCommitmentExpired(uint256 expiredAt);
    /// @notice The commit–reveal timing is out of its bounds (constructor).
    error MusicNFTCommitTimingOutOfBounds(uint40 minCommitAge, uint40 commitWindow);

    /// @notice Registers the audio and mints its token to `request.to`. Pays the tier's fee: ETH as msg.value (held
    /// here until anyone sweeps it to the treasury), or the fee token by transferFrom straight to the treasury.
    function mint(MintRequest calldata request) external payable returns (uint256 tokenId);

    /// @notice Step 1 of a registration no one can take from its author: commit to
    /// `registrationCommitment(contentHash, author, salt)` while the work is still private. Reveals nothing; anyone
    /// may send it (committing again keeps the earliest time).
    function commitRegistration(bytes32 commitment) external;

    /// @notice Step 2: registers as `mint` does, for the author who committed to this content with `salt` at least
    /// `minCommitAge` and at most `commitWindow` seconds ago. A copier who learns the content hash from this
    /// transaction holds no commitment old enough to register it first.
    function mintCommitted(MintRequest calldata request, bytes32 salt) external payable returns (uint256 tokenId);

    /// @notice The commitment `author` makes to register `contentHash`, hidden by `salt`.
    function registrationCommitment(bytes32 contentHash, address author, bytes32 salt) external pure returns (bytes32);

    /// @notice When `commitment` was first committed (seconds), or 0.
    function committedAt(bytes32 commitment) external view returns (uint40);

    /// @notice Sends every ETH mint fee held here to the treasury. Anyone may call.
    function sweepFees() external returns (uint256 amount);

    /// @notice The full copyright record of `tokenId`; reverts for unknown tracks.
    function trackOf(uint256 tokenId) external view returns (Track memory);

    /// @notice The token id of the audio with `contentHash`, or 0 if it was never registered.
    function tokenIdOfContent(bytes32 contentHash) external view returns (uint256);

    /// @notice The tier of `tokenId` (one storage read; staking weighs tracks by it); reverts for unknown tracks.
    function tierOf(uint256 tokenId) external view returns (uint8);

    /// @notice When `tokenId` was registered (seconds); reverts for unknown tracks.
    function registeredAt(uint256 tokenId) external view returns (uint40);

    /// @notice The creators of `tokenId` and their shares of the creator revenue (bps, summing to 10,000).
    function creatorsOf(uint256 tokenId) external view returns (address[] memory accounts, uint16[] memory shares);

    /// @notice `account`'s share of the creator revenue of `tokenId` in bps (0 if not a creator); reverts for
    /// unknown tracks.
    function creatorShareOf(uint256 tokenId, address account) external view returns (uint16);

    /// @notice Whether a track with this id exists.
    function exists(uint256 tokenId) external view returns (bool);

    /// @notice The tier table entry.
    function tierConfig(uint8 tier) external view returns (TierConfig memory);

    /// @notice Governance: configure a tier (fee, royalty rate, co-author limit, flags) within bounds.
    function setTierConfig(uint8 tier, TierConfig calldata config) external;
}
