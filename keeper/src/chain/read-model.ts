// What the keeper knows of the suite, derived from the stored events (so a reorg rollback, which deletes events,
// is all it takes to forget what the dropped blocks said). Queries fold the events in chain order.
import type { Sale, TrackInfo } from "../domain.ts";
import type { KeeperStore, StoredEvent } from "../store/store.ts";

const ZERO = "0x0000000000000000000000000000000000000000";

export interface LiveAuction {
  tokenId: string;
  seller: string;
  startedBy: string;
  currency: string;
  startPrice: bigint;
  reservePrice: bigint;
  startTime: number;
  duration: number;
  curve: number;
  /** First second it can be settled (AuctionStarted's startTime + duration + 1). */
  settleableFrom: number;
}

export interface KeeperAuthorization {
  tokenId: string;
  seller: string;
  currency: string;
  minReserve: bigint;
  /** Block of the authorisation event (it is consumed by the next keeper start). */
  block: number;
  /** Its block's time: the keeper's schedule counts from it. */
  at: number;
}

export interface ReadModel {
  tracks(): Promise<TrackInfo[]>;
  track(trackId: string): Promise<TrackInfo | undefined>;
  sales(): Promise<Sale[]>;
  liveAuctions(): Promise<LiveAuction[]>;
  /** Standing keeper authorisations whose giver still owns the token and that no auction has consumed. */
  openAuthorizations(): Promise<KeeperAuthorization[]>;
  /** Track ids listed now on the marketplace or in a live auction. */
  listedNow(): Promise<Set<string>>;
  /** Track ids staked in the NFTStakingVault now. */
  stakedTracks(): Promise<string[]>;
}

function str(event: StoredEvent, key: string): string {
  return String(event.args[key]);
}

export function createReadModel(store: KeeperStore): ReadModel {
  async function tracks(): Promise<TrackInfo[]> {
    const events = await store.events({
      names: [
        "TrackRegistered",
        "CoAuthorsRegistered",
        "Transfer",
        "CollectorAssigned",
        "CollectorRoleTransferred",
        "CuratorAssigned",
      ],
    });
    const byId = new Map<string, TrackInfo>();
    for (const e of events) {
      const id = e.tokenId;
      if (!id) continue;
      if (e.name === "TrackRegistered") {
        byId.set(id, {
          trackId: id,
          registeredAt: Number(str(e, "registeredAt")),
          tier: Number(str(e, "tier")),
          creators: [{ account: str(e, "registrant"), shareBps: 10_000 }],
          owner: str(e, "owner"),
        });
        continue;
      }
      const track = byId.get(id);
      if (!track) continue;
      if (e.name === "CoAuthorsRegistered" && e.contract === "MusicNFT") {
        const creators = e.args.creators as string[];
        const shares = e.args.shares as string[];
        track.creators = creators.map((account, i) => ({ account, shareBps: Number(shares[i]) }));
      } else if (e.name === "Transfer" && e.contract === "MusicNFT") {
        track.owner = str(e, "to");
      } else if (e.name === "CollectorAssigned") {
        track.collector = str(e, "collector");
      } else if (e.name === "CollectorRoleTransferred") {
        track.collector = str(e, "to");
      } else if (e.name === "CuratorAssigned") {
        track.curator = str(e, "curator");
      }
    }
    return [...byId.values()];
  }

  async function sales(): Promise<Sale[]> {
    const events = await store.events({ names: ["Sold", "AuctionSold"] });
    return events.map((e) => ({
      trackId: e.tokenId!,
      seller: str(e, "seller"),
      buyer: str(e, "buyer"),
      currency: str(e, "currency"),
      price: BigInt(str(e, "price")),
      at: e.blockTime,
    }));
  }

  async function liveAuctions(): Promise<LiveAuction[]> {
    const events = await store.events({ names: ["AuctionStarted", "AuctionSold", "AuctionEnded"] });
    const live = new Map<string, LiveAuction>();
    for (const e of events) {
      const id = e.tokenId!;
      if (e.name === "AuctionStarted") {
        const startTime = Number(str(e, "startTime"));
        const duration = Number(str(e, "duration"));
        live.set(id, {
          tokenId: id,
          seller: str(e, "seller"),
          startedBy: str(e, "startedBy"),
          currency: str(e, "currency"),
          startPrice: BigInt(str(e, "startPrice")),
          reservePrice: BigInt(str(e, "reservePrice")),
          startTime,
          duration,
          curve: Number(str(e, "curve")),
          settleableFrom: startTime + duration + 1,
        });
      } else {
        live.delete(id);
      }
    }
    return [...live.values()];
  }

  async function openAuthorizations(): Promise<KeeperAuthorization[]> {
    const events = await store.events({ names: ["KeeperAuthorized", "AuctionStarted", "Transfer"] });
    const open = new Map<string, KeeperAuthorization>();
    const owner = new Map<string, string>();
    for (const e of events) {
      const id = e.tokenId;
      if (!id) continue;
      if (e.name === "Transfer" && e.contract === "MusicNFT") {
        owner.set(id, str(e, "to"));
      } else if (e.name === "KeeperAuthorized") {
        if (e.args.allowed === true || e.args.allowed === "true") {
          open.set(id, {
            tokenId: id,
            seller: str(e, "seller"),
            currency: str(e, "currency"),
            minReserve: BigInt(str(e, "minReserve")),
            block: e.block,
            at: e.blockTime,
          });
        } else {
          open.delete(id);
        }
      } else if (e.name === "AuctionStarted") {
        // any start consumes the authorisation (the contract does the same)
        open.delete(id);
      }
    }
    // the contract voids an authorisation while anyone else owns the token (escrowed in an auction included)
    return [...open.values()].filter((a) => owner.get(a.tokenId) === a.seller);
  }

  async function listedNow(): Promise<Set<string>> {
    const events = await store.events({ names: ["Listed", "ListingCanceled", "Sold"] });
    const listed = new Set<string>();
    for (const e of events) {
      if (e.name === "Listed") listed.add(e.tokenId!);
      else listed.delete(e.tokenId!);
    }
    for (const auction of await liveAuctions()) listed.add(auction.tokenId);
    return listed;
  }

  async function stakedTracks(): Promise<string[]> {
    const events = await store.events({ names: ["Staked", "Unstaked", "EmergencyUnstaked"] });
    const staked = new Set<string>();
    for (const e of events) {
      if (e.name === "Staked") staked.add(e.tokenId!);
      else staked.delete(e.tokenId!);
    }
    return [...staked];
  }

  return {
    stakedTracks,
    tracks,
    track: async (id) => (await tracks()).find((t) => t.trackId === id),
    sales,
    liveAuctions,
    openAuthorizations,
    listedNow,
  };
}

export { ZERO as ZERO_ADDRESS };
