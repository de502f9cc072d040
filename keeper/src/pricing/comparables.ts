// Which tracks a track is compared with: its creator's catalogue (any track sharing a creator account, co-authored
// ones included) and its tier. The anchor, the demand median and the scarcity shares all read these two sets.

import type { TrackInfo } from "../domain.ts";
import { UnknownTrackError } from "./errors.ts";

export interface Comparables {
  track: TrackInfo;
  /** Tracks sharing at least one creator with `track`, itself included. */
  creatorTrackIds: ReadonlySet<string>;
  /** Tracks of `track`'s tier, itself included. */
  tierTrackIds: ReadonlySet<string>;
}

export function findComparables(trackId: string, tracks: readonly TrackInfo[]): Comparables {
  const track = tracks.find((candidate) => candidate.trackId === trackId);
  if (!track) throw new UnknownTrackError(trackId);
  const creators = new Set(track.creators.map((creator) => creator.account));
  const creatorTrackIds = new Set<string>();
  const tierTrackIds = new Set<string>();
  for (const candidate of tracks) {
    if (candidate.creators.some((creator) => creators.has(creator.account))) creatorTrackIds.add(candidate.trackId);
    if (candidate.tier === track.tier) tierTrackIds.add(candidate.trackId);
  }
  creatorTrackIds.add(trackId);
  tierTrackIds.add(trackId);
  return { track, creatorTrackIds, tierTrackIds };
}
