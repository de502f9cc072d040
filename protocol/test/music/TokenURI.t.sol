// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {MusicFixture} from "./MusicFixture.sol";
import {IMusicNFT} from "../../contracts/interfaces/IMusicNFT.sol";
import {IpfsCid} from "../../contracts/libraries/IpfsCid.sol";

/// @notice `tokenURI` is `ipfs://` + the metadata's CIDv1 (multibase "b", lower-case base32 without padding, RFC
/// 4648). The expected strings were computed outside Solidity (Python: "b" +
/// base64.b32encode(bytes([1, codec, 0x12, 0x20]) + digest).lower().rstrip("=")) and checked against the CIDs
/// `ipfs add` prints (e.g. bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4 for "hello world\n" with
/// --raw-leaves).
contract TokenURITest is MusicFixture {
    bytes32 internal constant SHA256_EMPTY = 0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855;
    bytes32 internal constant SHA256_HELLO = 0xa948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447;
    bytes32 internal constant SHA256_ABC = 0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad;

    bytes internal constant BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    uint256 internal _nonce;

    // ---------------------------------------------------------------- known vectors

    function test_tokenURI_dagPbOfEmptyDigest() public {
        assertEq(
            _uriOf(IpfsCid.DAG_PB, SHA256_EMPTY),
            "ipfs://bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
        );
    }

    function test_tokenURI_rawOfEmptyDigest() public {
        assertEq(
            _uriOf(IpfsCid.RAW, SHA256_EMPTY),
            "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
        );
    }

    function test_tokenURI_dagPbOfHelloWorld() public {
        assertEq(
            _uriOf(IpfsCid.DAG_PB, SHA256_HELLO),
            "ipfs://bafybeifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"
        );
    }

    function test_tokenURI_rawOfHelloWorld() public {
        assertEq(
            _uriOf(IpfsCid.RAW, SHA256_HELLO),
            "ipfs://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"
        );
    }

    function test_tokenURI_dagPbOfAbc() public {
        assertEq(
            _uriOf(IpfsCid.DAG_PB, SHA256_ABC),
            "ipfs://bafybeif2pall7dybz7vecqka3zo24irdwabwdi4wc55jznaq75q7eaavvu"
        );
    }

    function test_tokenURI_rawOfAbc() public {
        assertEq(_uriOf(IpfsCid.RAW, SHA256_ABC), "ipfs://bafkreif2pall7dybz7vecqka3zo24irdwabwdi4wc55jznaq75q7eaavvu");
    }

    /// @dev The smallest and largest digests: the last character carries the 3 leftover bits, padded with zeros.
    function test_tokenURI_edgeDigests() public {
        assertEq(
            _uriOf(IpfsCid.DAG_PB, bytes32(uint256(1))),
            "ipfs://bafybeiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaae"
        );
        assertEq(
            _uriOf(IpfsCid.RAW, bytes32(type(uint256).max)),
            "ipfs://bafkreih777777777777777777777777777777777777777777777777774"
        );
    }

    function test_tokenURI_revertsForUnknownTrack() public {
        vm.expectRevert(abi.encodeWithSelector(IMusicNFT.MusicNFTUnknownTrack.selector, 7));
        music.tokenURI(7);
    }

    function test_tokenURI_unchangedByTransfer() public {
        uint256 tokenId = _mintTrack(creator, "song");
        string memory uri = music.tokenURI(tokenId);
        vm.prank(creator);
        music.transferFrom(creator, collector, tokenId);
        assertEq(music.tokenURI(tokenId), uri);
    }

    function test_metadata_nameAndSymbol() public view {
        assertEq(music.name(), "FlyAIMusic Track");
        assertEq(music.symbol(), "TRACK");
    }

    // ---------------------------------------------------------------- any digest

    function testFuzz_tokenURI_isACanonicalCidV1(bytes32 digest, bool raw) public {
        vm.assume(digest != bytes32(0));
        uint8 codec = raw ? IpfsCid.RAW : IpfsCid.DAG_PB;
        bytes memory uri = bytes(_uriOf(codec, digest));
        assertEq(uri.length, 66, "ipfs:// + b + 58 base32 characters");
        assertEq(
            _slice(uri, 0, 14),
            raw ? bytes("ipfs://bafkrei") : bytes("ipfs://bafybei"),
            "version, codec, sha2-256"
        );
        for (uint256 i = 8; i < 66; ++i) {
            assertTrue(_isBase32(uri[i]), "base32 alphabet only");
        }
        assertEq(uri, _referenceUri(codec, digest), "matches the bit-by-bit reference encoder");
    }

    function testFuzz_tokenURI_distinctDigestsGiveDistinctUris(bytes32 a, bytes32 b) public {
        vm.assume(a != b && a != bytes32(0) && b != bytes32(0));
        assertNotEq(_uriOf(IpfsCid.DAG_PB, a), _uriOf(IpfsCid.DAG_PB, b));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Registers a fresh track whose metadata has `digest` under `codec` and returns its tokenURI.
    function _uriOf(uint8 codec, bytes32 digest) internal returns (string memory) {
        IMusicNFT.MintRequest memory request = _request(abi.encode("audio", ++_nonce), creator);
        request.metadataCodec = codec;
        request.metadataDigest = digest;
        vm.prank(creator);
        uint256 tokenId = music.mint{value: BASIC_FEE}(request);
        return music.tokenURI(tokenId);
    }

    /// @dev An independent encoder: reads the 288 bits one at a time, five to a character.
    function _referenceUri(uint8 codec, bytes32 digest) internal pure returns (bytes memory out) {
        bytes memory cid = abi.encodePacked(bytes4(uint32(0x01001220) | (uint32(codec) << 16)), digest);
        out = abi.encodePacked("ipfs://b");
        uint256 totalBits = cid.length * 8;
        for (uint256 start; start < totalBits; start += 5) {
            uint8 value;
            for (uint256 k; k < 5; ++k) {
                uint256 bit = start + k;
                uint8 b = bit < totalBits ? (uint8(cid[bit / 8]) >> (7 - (bit % 8))) & 1 : 0;
                value = (value << 1) | b;
            }
            out = abi.encodePacked(out, BASE32[value]);
        }
    }

    function _isBase32(bytes1 c) internal pure returns (bool) {
        return (c >= "a" && c <= "z") || (c >= "2" && c <= "7");
    }

    function _slice(bytes memory data, uint256 from, uint256 to) internal pure returns (bytes memory out) {
        out = new bytes(to - from);
        for (uint256 i = from; i < to; ++i) out[i - from] = data[i];
    }
}
