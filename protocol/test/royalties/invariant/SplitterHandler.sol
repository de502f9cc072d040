// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMusicNFT} from "../../../contracts/interfaces/IMusicNFT.sol";
import {IRoyaltySplitter} from "../../../contracts/interfaces/IRoyaltySplitter.sol";
import {RoyaltySplitter} from "../../../contracts/royalties/RoyaltySplitter.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";

/// @notice Drives the RoyaltySplitter with random deposits (ETH, MINT and a fee-on-transfer token; plain, resale
/// and unattributed), recorded sales with random buyers and referrers, withdrawals by random parties over random
/// sets of tracks, platform sweeps and split changes, collector roles handed on, royalty streams started (as the
/// stream registrar) and pulled by their vaults, and time passing past maturities, across a few tracks with
/// co-authors. Keeps an independent model of what the rules say every pot holds, and ghost totals of what came in
/// and went out.
// a model of every pot, role and stream, plus ghosts
// solhint-disable-next-line max-states-count
contract SplitterHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant _BPS = 10_000;

    RoyaltySplitter public immutable splitter;
    IMusicNFT public immutable music;
    address public immutable timelock;
    /// @dev withdrawals go here, so the parties' own balances never matter
    address public immutable sink;

    address[] internal _actors;
    uint256[] internal _tracks;
    address[3] internal _assets;
    /// @dev each track's creators and shares, read once (they never change)
    mapping(uint256 tokenId => address[]) internal _creators;
    mapping(uint256 tokenId => uint16[]) internal _shares;

    // ---------------------------------------------------------------- the model (what the rules say)

    struct ModelPots {
        uint256 creators;
        uint256 curator;
        uint256 collector;
    }

    mapping(uint256 tokenId => mapping(address asset => ModelPots)) internal _modelPots;
    mapping(uint256 tokenId => address) public modelCollector;
    mapping(uint256 tokenId => address) public modelCurator;
    /// @dev what each track's collector pot paid out so far (to whoever held the role) and to whom
    mapping(uint256 tokenId => mapping(address asset => uint256)) internal _modelCollectorPaid;
    mapping(address account => mapping(address asset => uint256)) internal _modelPaidAsCollector;

    struct ModelStream {
        address seller;
        address vault;
        uint16 bps;
        uint40 maturity;
    }

    mapping(uint256 tokenId => ModelStream) internal _modelStreams;
    mapping(uint256 tokenId => mapping(address seller => mapping(address asset => uint256))) internal _modelCarved;
    mapping(address vault => mapping(address asset => uint256)) public modelStreamOwed;
    /// @dev every vault a stream was ever started for (stream vaults are fresh addresses, never actors)
    address[] internal _vaults;

    // ---------------------------------------------------------------- ghosts (what actually moved)

    /// @dev what arrived in the splitter per asset (after transfer fees), every route included
    mapping(address asset => uint256) public ghostDeposited;
    /// @dev the platform's part of every deposit plus unattributed ETH
    mapping(address asset => uint256) public ghostPlatform;
    mapping(address asset => uint256) public ghostSwept;
    mapping(address account => mapping(address asset => uint256)) public ghostWithdrawn;
    mapping(address asset => uint256) public ghostWithdrawnTotal;

    mapping(bytes32 action => uint256) public calls;

    /// @dev the first check the handler saw fail (a revert inside a handler call would be discarded by the
    /// fuzzer, so failures are recorded and asserted by an invariant instead)
    string public violation;

    constructor(
        RoyaltySplitter splitter_,
        address timelock_,
        address mint_,
        FeeOnTransferToken fot_,
        address[] memory actors_,
        uint256[] memory tracks_
    ) {
        splitter = splitter_;
        music = splitter_.musicNFT();
        timelock = timelock_;
        sink = makeAddr("sink");
        _actors = actors_;
        _tracks = tracks_;
        _assets = [address(0), mint_, address(fot_)];
        for (uint256 t; t < tracks_.length; ++t) {
            (_creators[tracks_[t]], _shares[tracks_[t]]) = music.creatorsOf(tracks_[t]);
        }
        IERC20(mint_).approve(address(splitter_), type(uint256).max);
        fot_.approve(address(splitter_), type(uint256).max);
    }

    // ---------------------------------------------------------------- actions

    function depositETH(uint256 trackSeed, uint256 amount) external {
        amount = _bound(amount, 1, 100 ether);
        uint256 tokenId = _track(trackSeed);
        vm.deal(address(this), amount);
        splitter.depositETH{value: amount}(tokenId);
        _credit(tokenId, address(0), amount, false);
        ++calls["depositETH"];
    }

    function depositToken(uint256 trackSeed, uint256 assetSeed, uint256 amount) external {
        address asset = _assets[1 + (assetSeed % 2)];
        uint256 tokenId = _track(trackSeed);
        amount = _bound(amount, 1, 1_000 ether);
        _fund(asset, amount);
        uint256 before = IERC20(asset).balanceOf(address(splitter));
        try splitter.depositToken(tokenId, asset, amount) {
            _credit(tokenId, asset, IERC20(asset).balanceOf(address(splitter)) - before, false);
            ++calls["depositToken"];
        } catch {
            // only a deposit the fee ate completely may fail
            _check(IERC20(asset).balanceOf(address(splitter)) == before, "failed deposit moved funds");
        }
    }

    function depositResale(uint256 trackSeed, uint256 assetSeed, uint256 amount) external {
        address asset = _assets[assetSeed % 3];
        uint256 tokenId = _track(trackSeed);
        if (asset == address(0)) {
            amount = _bound(amount, 1, 100 ether);
            vm.deal(address(this), amount);
            splitter.depositResaleRoyalty{value: amount}(tokenId, asset, amount);
            _credit(tokenId, asset, amount, true);
        } else {
            amount = _bound(amount, 100, 1_000 ether);
            _fund(asset, amount);
            uint256 before = IERC20(asset).balanceOf(address(splitter));
            splitter.depositResaleRoyalty(tokenId, asset, amount);
            _credit(tokenId, asset, IERC20(asset).balanceOf(address(splitter)) - before, true);
        }
        ++calls["depositResale"];
    }

    /// @dev ETH with no track (a foreign marketplace's EIP-2981 payment)
    function sendPlainEth(uint256 amount) external {
        amount = _bound(amount, 1, 10 ether);
        vm.deal(address(this), amount);
        (bool ok, ) = address(splitter).call{value: amount}("");
        _check(ok, "plain transfer");
        ghostDeposited[address(0)] += amount;
        ghostPlatform[address(0)] += amount;
        ++calls["sendPlainEth"];
    }

    function recordSale(uint256 trackSeed, uint256 sellerSeed, uint256 buyerSeed, uint256 referrerSeed) external {
        uint256 tokenId = _track(trackSeed);
        address saleSeller = _actor(sellerSeed);
        address buyer = _actor(buyerSeed);
        // one referrer in eight is nobody
        address referrer = referrerSeed % 8 == 0 ? address(0) : _actor(referrerSeed >> 3);
        bool first = splitter.recordSale(tokenId, saleSeller, buyer, referrer);
        // the primary sale: no collector yet and a creator sells; roles are assigned there only
        bool primary = modelCollector[tokenId] == address(0) && _isCreator(tokenId, saleSeller);
        _check(first == primary, "primary sale");
        if (first) modelCollector[tokenId] = buyer;
        if (
            first &&
            referrer != address(0) &&
            referrer != buyer &&
            referrer != saleSeller &&
            !_isCreator(tokenId, referrer)
        ) modelCurator[tokenId] = referrer;
        ++calls["recordSale"];
    }

    function withdraw(uint256 actorSeed, uint256 assetSeed, uint256 trackMask) external {
        address account = _actor(actorSeed);
        address asset = _assets[assetSeed % 3];
        uint256[] memory ids = _trackSubset(trackMask);
        uint256 owed = splitter.claimable(account, asset, ids);
        uint256 before = _balanceOf(asset, address(splitter));
        vm.prank(account);
        try splitter.withdraw(asset, ids, sink) returns (uint256 paid) {
            _check(paid == owed, "paid what claimable said");
            _check(before - _balanceOf(asset, address(splitter)) == paid, "the splitter sent it");
            // the model's collector pots: whatever was unpaid on the listed tracks it collects went to `account`
            for (uint256 i; i < ids.length; ++i) {
                if (modelCollector[ids[i]] != account) continue;
                uint256 pot = _modelPots[ids[i]][asset].collector;
                _modelPaidAsCollector[account][asset] += pot - _modelCollectorPaid[ids[i]][asset];
                _modelCollectorPaid[ids[i]][asset] = pot;
            }
            ghostWithdrawn[account][asset] += paid;
            ghostWithdrawnTotal[asset] += paid;
            ++calls["withdraw"];
        } catch (bytes memory reason) {
            _check(owed == 0, "a party with something owed could not withdraw");
            _check(
                bytes4(reason) == IRoyaltySplitter.RoyaltySplitterNothingToWithdraw.selector,
                "unexpected withdraw error"
            );
            ++calls["withdrawNothing"];
        }
    }

    /// @dev The collector of a track (if any) hands the role to a random actor.
    function transferCollectorRole(uint256 trackSeed, uint256 toSeed) external {
        uint256 tokenId = _track(trackSeed);
        address from = modelCollector[tokenId];
        if (from == address(0)) return;
        address to = _actor(toSeed);
        vm.prank(from);
        splitter.transferCollectorRole(tokenId, to);
        modelCollector[tokenId] = to;
        ++calls["transferCollectorRole"];
    }

    /// @dev As the stream registrar: a random creator of a track sells a random part of its cut to a fresh vault
    /// for a random term, when no stream is active there.
    function startStream(uint256 trackSeed, uint256 sellerSeed, uint256 bpsSeed, uint256 termSeed) external {
        uint256 tokenId = _track(trackSeed);
        if (_modelStreams[tokenId].maturity > block.timestamp) return;
        address streamSeller = _creators[tokenId][sellerSeed % _creators[tokenId].length];
        address vault = makeAddr(string.concat("streamVault", vm.toString(_vaults.length)));
        uint16 bps = uint16(_bound(bpsSeed, 1, _BPS));
        uint40 maturity = uint40(block.timestamp + _bound(termSeed, 1, 30 days));
        splitter.startStream(tokenId, streamSeller, vault, bps, maturity);
        _modelStreams[tokenId] = ModelStream(streamSeller, vault, bps, maturity);
        _vaults.push(vault);
        ++calls["startStream"];
    }

    /// @dev A stream vault pulls what was carved for it.
    function withdrawStream(uint256 vaultSeed, uint256 assetSeed) external {
        if (_vaults.length == 0) return;
        address vault = _vaults[vaultSeed % _vaults.length];
        address asset = _assets[assetSeed % 3];
        uint256 owed = splitter.streamOwed(vault, asset);
        _check(owed == modelStreamOwed[vault][asset], "stream owed vs model");
        uint256 before = _balanceOf(asset, address(splitter));
        vm.prank(vault);
        uint256 paid = splitter.withdrawStream(asset);
        _check(paid == owed, "stream paid what was owed");
        _check(before - _balanceOf(asset, address(splitter)) == paid, "the splitter sent it");
        modelStreamOwed[vault][asset] = 0;
        ghostWithdrawnTotal[asset] += paid;
        ++calls["withdrawStream"];
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + _bound(secondsSeed, 1, 10 days));
        ++calls["warp"];
    }

    function sweepPlatform(uint256 assetSeed) external {
        address asset = _assets[assetSeed % 3];
        uint256 owed = splitter.platformOwed(asset);
        if (owed == 0) return;
        uint256 before = _balanceOf(asset, address(timelock));
        uint256 swept = splitter.sweepPlatform(asset);
        _check(swept == owed, "swept what was owed");
        if (asset != _assets[2]) _check(_balanceOf(asset, timelock) - before == swept, "to the treasury");
        ghostSwept[asset] += swept;
        ++calls["sweepPlatform"];
    }

    /// @dev Governance changes the split within bounds (applies to later deposits: the model reads it per deposit).
    function setSplit(uint256 curatorSeed, uint256 collectorSeed, uint256 platformSeed, uint256 resaleSeed) external {
        IRoyaltySplitter.Split memory split;
        split.platformBps = uint16(_bound(platformSeed, 0, 1_000));
        split.collectorBps = uint16(_bound(collectorSeed, 0, 2_000));
        uint256 room = 5_000 - split.platformBps - split.collectorBps;
        split.curatorBps = uint16(_bound(curatorSeed, 0, room < 3_000 ? room : 3_000));
        split.creatorsBps = uint16(_BPS - split.curatorBps - split.collectorBps - split.platformBps);
        vm.startPrank(timelock);
        splitter.setSplit(split);
        splitter.setCuratorResaleBps(uint16(_bound(resaleSeed, 0, 5_000)));
        vm.stopPrank();
        ++calls["setSplit"];
    }

    // ---------------------------------------------------------------- model reads

    function modelPots(uint256 tokenId, address asset) external view returns (ModelPots memory) {
        return _modelPots[tokenId][asset];
    }

    /// @dev What the rules say each actor (in `actors()` order) has earned of `asset` on every track: its share
    /// of each creators' pot (rounded down) less what streams carved from it, the curator pots of its tracks, what
    /// it collected as a collector plus the unpaid collector pots of the roles it holds now.
    function modelEntitlements(address asset) external view returns (uint256[] memory totals) {
        totals = new uint256[](_actors.length);
        for (uint256 i; i < _actors.length; ++i) totals[i] = _modelEntitlement(_actors[i], asset);
    }

    function _modelEntitlement(address account, address asset) internal view returns (uint256 total) {
        for (uint256 t; t < _tracks.length; ++t) {
            uint256 tokenId = _tracks[t];
            ModelPots memory pots = _modelPots[tokenId][asset];
            address[] storage creators = _creators[tokenId];
            for (uint256 c; c < creators.length; ++c) {
                if (creators[c] == account) total += (pots.creators * _shares[tokenId][c]) / _BPS;
            }
            total -= _modelCarved[tokenId][account][asset];
            if (modelCollector[tokenId] == account) total += pots.collector - _modelCollectorPaid[tokenId][asset];
            if (modelCurator[tokenId] == account) total += pots.curator;
        }
        total += _modelPaidAsCollector[account][asset];
    }

    function vaults() external view returns (address[] memory) {
        return _vaults;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tracks() external view returns (uint256[] memory) {
        return _tracks;
    }

    function assets() external view returns (address[3] memory) {
        return _assets;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The division as IRoyaltySplitter states it, computed here independently of the contract.
    function _credit(uint256 tokenId, address asset, uint256 amount, bool resale) internal {
        IRoyaltySplitter.Split memory split = splitter.currentSplit();
        uint256 curatorFirst = resale ? (amount * splitter.curatorResaleBps()) / _BPS : 0;
        uint256 rest = amount - curatorFirst;
        uint256 platform = (rest * split.platformBps) / _BPS;
        uint256 curatorPart = (rest * split.curatorBps) / _BPS + curatorFirst;
        uint256 collectorPart = (rest * split.collectorBps) / _BPS;
        uint256 creatorsPart = amount - platform - curatorPart - collectorPart;
        ModelPots storage pots = _modelPots[tokenId][asset];
        if (modelCurator[tokenId] == address(0)) creatorsPart += curatorPart;
        else pots.curator += curatorPart;
        if (modelCollector[tokenId] == address(0)) creatorsPart += collectorPart;
        else pots.collector += collectorPart;
        pots.creators += creatorsPart;
        _modelCarve(tokenId, asset, creatorsPart);
        ghostPlatform[asset] += platform;
        ghostDeposited[asset] += amount;
    }

    /// @dev The stream's part of the seller's cut of a deposit's creators part, rounded down.
    function _modelCarve(uint256 tokenId, address asset, uint256 creatorsPart) internal {
        ModelStream memory stream = _modelStreams[tokenId];
        if (stream.vault == address(0) || block.timestamp >= stream.maturity) return;
        uint256 share = music.creatorShareOf(tokenId, stream.seller);
        uint256 carve = (creatorsPart * share * stream.bps) / (_BPS * _BPS);
        _modelCarved[tokenId][stream.seller][asset] += carve;
        modelStreamOwed[stream.vault][asset] += carve;
    }

    function _fund(address asset, uint256 amount) internal {
        if (asset == _assets[2]) FeeOnTransferToken(asset).mint(address(this), amount);
        else _check(IERC20(asset).balanceOf(address(this)) >= amount, "fund MINT in setUp");
    }

    function _isCreator(uint256 tokenId, address account) internal view returns (bool) {
        address[] storage creators = _creators[tokenId];
        for (uint256 i; i < creators.length; ++i) if (creators[i] == account) return true;
        return false;
    }

    function _balanceOf(address asset, address who) internal view returns (uint256) {
        return asset == address(0) ? who.balance : IERC20(asset).balanceOf(who);
    }

    function _track(uint256 seed) internal view returns (uint256) {
        return _tracks[seed % _tracks.length];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev The tracks whose bit is set in `mask` (at least one), in order, sometimes with a repeat.
    function _trackSubset(uint256 mask) internal view returns (uint256[] memory) {
        uint256 bits = (mask % ((1 << _tracks.length) - 1)) + 1;
        bool repeat = (mask >> 16) % 4 == 0;
        uint256[] memory ids = new uint256[](_tracks.length + 1);
        uint256 count;
        for (uint256 t; t < _tracks.length; ++t) if (bits & (1 << t) != 0) ids[count++] = _tracks[t];
        if (repeat) ids[count++] = ids[0];
        uint256[] memory subset = new uint256[](count);
        for (uint256 i; i < count; ++i) subset[i] = ids[i];
        return subset;
    }

    function _check(bool condition, string memory what) internal {
        if (!condition && bytes(violation).length == 0) violation = what;
    }

    receive() external payable {}
}
