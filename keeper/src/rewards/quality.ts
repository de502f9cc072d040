// Track quality index and creator reputation, from measured signals of one epoch's qualified plays (after the fraud
// filters) and engagement. Create-to-earn splits its pool by these scores; an API serves them with their indicators
// and weights, so anyone can recompute a score: for a track, score = Σ weights[k] × indicators[k] over the keys of
// weights (every weighted indicator is normalised to 0..1); other indicator keys are raw counts for display.
import type { Engagement, Play, QualityIndex, TrackInfo } from "../domain.ts";
import { compare, comparePlays } from "./fraud.ts";
import { KeeperError } from "../errors.ts";

/** Signals the index cannot be computed from (a play of an unknown track, a length that is no duration, ...). */
export class QualityInputError extends KeeperError {
  override name = "QualityInputError";
}

/**
 * Weights of the track quality index; they sum to 1.
 * - listeners (0.35): reach, the hardest signal to fake once plays are filtered; log-scaled so a niche track with a
 *   devoted audience is not crushed by a hit;
 * - completion (0.20): people who start it finish it;
 * - saveRate (0.20): listeners who keep it (save or add to a playlist) — a deliberate act, unlike a play;
 * - repeatRate (0.15): listeners who came back to it within the epoch (loops are already capped by the filters);
 * - novelty (0.10): new work; the innovation part of create-to-earn, decaying with the track's age.
 */
export const TRACK_QUALITY_WEIGHTS: Readonly<Record<TrackIndicator, number>> = Object.freeze({
  listeners: 0.35,
  completion: 0.2,
  saveRate: 0.2,
  repeatRate: 0.15,
  novelty: 0.1,
});

export type TrackIndicator = "listeners" | "completion" | "saveRate" | "repeatRate" | "novelty";

export interface QualityOptions {
  /** The moment the index describes (the epoch's end): novelty is the track's age at this time. */
  at: number;
  /** Track lengths in seconds where known; TrackInfo carries none, so by default completion uses a proxy. */
  trackLengths?: Map<string, number>;
  /**
   * Without a track's length, completion is min(playedSeconds, this) / this: a play of three minutes or more counts
   * as complete. A proxy — it favours long plays, not finished ones — used because lengths are not on chain.
   */
  completionProxySeconds: number;
  /** Unique listeners at which the listeners indicator reaches 1 (log scale: 10 is a third, 100 half of the way). */
  listenerSaturation: number;
  /** Novelty halves every this many seconds of the track's age (1 when registered, ½ after 30 days, ...). */
  noveltyHalfLifeSeconds: number;
  /**
   * Creator reputation is scaled by volume / (volume + this), volume being the creator's share-weighted unique
   * listeners: one track heard by three people is weak evidence of quality, whatever its score.
   */
  reputationConfidenceListeners: number;
}

export const DEFAULT_QUALITY_OPTIONS: Readonly<Omit<QualityOptions, "at" | "trackLengths">> = Object.freeze({
  completionProxySeconds: 180,
  listenerSaturation: 10_000,
  noveltyHalfLifeSeconds: 30 * 86_400,
  reputationConfidenceListeners: 20,
});

/** What was measured of one track in the epoch (raw, before normalisation). */
export interface TrackSignals {
  trackId: string;
  uniqueListeners: number;
  plays: number;
  /** Mean completion of its qualified plays, 0..1 (real length or the proxy, see lengthKnown). */
  completion: number;
  lengthKnown: boolean;
  /** Qualified listeners of the track who saved it or added it to a playlist. */
  keepers: number;
  /** Qualified listeners who played it more than once. */
  repeaters: number;
  ageSeconds: number;
}

/** Quality of every track with qualified plays, keyed by track id in id order. */
export function computeTrackQuality(
  qualified: Play[],
  engagements: Engagement[],
  tracks: TrackInfo[],
  options: Partial<QualityOptions> & { at: number },
): Map<string, QualityIndex> {
  const settings = qualityOptions(options);
  const result = new Map<string, QualityIndex>();
  for (const signals of measureTrackSignals(qualified, engagements, tracks, settings).values()) {
    result.set(signals.trackId, trackQualityIndex(signals, settings));
  }
  return result;
}

/** The raw signals of every track with qualified plays. */
export function measureTrackSignals(
  qualified: Play[],
  engagements: Engagement[],
  tracks: TrackInfo[],
  options: QualityOptions,
): Map<string, TrackSignals> {
  const trackById = new Map(tracks.map((track) => [track.trackId, track]));
  const playsByTrack = new Map<string, Play[]>();
  for (const play of qualified) {
    if (!trackById.has(play.trackId)) throw new QualityInputError(`play of unknown track ${play.trackId}`);
    const list = playsByTrack.get(play.trackId);
    if (list) list.push(play);
    else playsByTrack.set(play.trackId, [play]);
  }
  // A save or a playlist add by someone who did not listen this epoch says nothing about this epoch's listening.
  const keptBy = new Map<string, Set<string>>();
  for (const engagement of engagements) {
    if (engagement.kind === "comment") continue; // a comment may be praise or complaint: no quality signal
    const set = keptBy.get(engagement.trackId) ?? new Set<string>();
    set.add(engagement.account);
    keptBy.set(engagement.trackId, set);
  }

  const signals = new Map<string, TrackSignals>();
  for (const trackId of [...playsByTrack.keys()].sort()) {
    // Sorted, so the float sums below do not depend on the order the plays arrived in.
    const plays = (playsByTrack.get(trackId) ?? []).sort(comparePlays);
    const track = trackById.get(trackId) as TrackInfo;
    const audience = countListeners(plays, keptBy.get(trackId));
    const length = options.trackLengths?.get(trackId);
    if (length !== undefined && !(Number.isFinite(length) && length > 0)) {
      throw new QualityInputError(`track ${trackId}: length ${length} is not a duration`);
    }
    const completionOf = (play: Play) =>
      length !== undefined
        ? Math.min(1, play.playedSeconds / length)
        : Math.min(play.playedSeconds, options.completionProxySeconds) / options.completionProxySeconds;
    signals.set(trackId, {
      trackId,
      uniqueListeners: audience.listeners,
      plays: plays.length,
      completion: plays.reduce((sum, play) => sum + completionOf(play), 0) / plays.length,
      lengthKnown: length !== undefined,
      keepers: audience.keepers,
      repeaters: audience.repeaters,
      ageSeconds: Math.max(0, options.at - track.registeredAt),
    });
  }
  return signals;
}

/**
 * A track's unique listeners, those who played it more than once and those among `keptBy`, from its plays sorted by
 * listener: one listener's plays are neighbours, so this needs no Map of listeners per track.
 */
function countListeners(
  sorted: Play[],
  keptBy: Set<string> | undefined,
): { listeners: number; repeaters: number; keepers: number } {
  const counts = { listeners: 0, repeaters: 0, keepers: 0 };
  for (let i = 0; i < sorted.length;) {
    const listener = sorted[i].listener;
    const first = i;
    while (i < sorted.length && sorted[i].listener === listener) i++;
    counts.listeners++;
    if (i - first > 1) counts.repeaters++;
    if (keptBy?.has(listener)) counts.keepers++;
  }
  return counts;
}

/** One track's index from its signals: normalised indicators, the weights, and their weighted sum. */
export function trackQualityIndex(
  signals: TrackSignals,
  options: QualityOptions,
  weights: Readonly<Record<TrackIndicator, number>> = TRACK_QUALITY_WEIGHTS,
): QualityIndex {
  const listeners = signals.uniqueListeners;
  const normalised: Record<TrackIndicator, number> = {
    listeners: Math.min(1, Math.log1p(listeners) / Math.log1p(options.listenerSaturation)),
    completion: signals.completion,
    saveRate: listeners === 0 ? 0 : signals.keepers / listeners,
    repeatRate: listeners === 0 ? 0 : signals.repeaters / listeners,
    novelty: 0.5 ** (signals.ageSeconds / options.noveltyHalfLifeSeconds),
  };
  let score = 0;
  for (const key of Object.keys(weights) as TrackIndicator[]) score += weights[key] * normalised[key];
  return {
    score,
    indicators: {
      ...normalised,
      uniqueListeners: listeners,
      plays: signals.plays,
      keepers: signals.keepers,
      repeaters: signals.repeaters,
      ageDays: signals.ageSeconds / 86_400,
      lengthKnown: signals.lengthKnown ? 1 : 0,
    },
    weights: { ...weights },
  };
}

/**
 * Creator reputation: the average quality of the creator's tracks heard this epoch, each weighted by the creator's
 * share of it (a 10% co-author is judged 10% by that track), times a confidence factor for volume (see
 * reputationConfidenceListeners). Indicators hold each track's score under `track:<id>` plus the average, the
 * confidence and the volume; weights hold each track's averaging weight under the same keys, so
 * score = confidence × Σ weights[k] × indicators[k].
 */
export function computeCreatorReputation(
  trackQuality: Map<string, QualityIndex>,
  tracks: TrackInfo[],
  options: Partial<QualityOptions> & { at: number },
): Map<string, QualityIndex> {
  const settings = qualityOptions(options);
  const parts = new Map<string, { trackId: string; share: number; score: number; listeners: number }[]>();
  for (const track of [...tracks].sort((a, b) => compare(a.trackId, b.trackId))) {
    const quality = trackQuality.get(track.trackId);
    if (!quality) continue;
    for (const creator of track.creators) {
      const list = parts.get(creator.account) ?? [];
      list.push({
        trackId: track.trackId,
        share: creator.shareBps / 10_000,
        score: quality.score,
        listeners: quality.indicators.uniqueListeners ?? 0,
      });
      parts.set(creator.account, list);
    }
  }
  const result = new Map<string, QualityIndex>();
  for (const account of [...parts.keys()].sort()) {
    const own = parts.get(account) ?? [];
    const totalShare = own.reduce((sum, part) => sum + part.share, 0);
    const indicators: Record<string, number> = {};
    const weights: Record<string, number> = {};
    let average = 0;
    let volume = 0;
    for (const part of own) {
      const weight = totalShare === 0 ? 0 : part.share / totalShare;
      indicators[`track:${part.trackId}`] = part.score;
      weights[`track:${part.trackId}`] = weight;
      average += weight * part.score;
      volume += part.share * part.listeners;
    }
    const confidence = volume / (volume + settings.reputationConfidenceListeners);
    result.set(account, {
      score: average * confidence,
      indicators: { ...indicators, averageTrackQuality: average, confidence, listeners: volume, tracks: own.length },
      weights,
    });
  }
  return result;
}

/** The defaults overridden by `options`, each checked. */
export function qualityOptions(options: Partial<QualityOptions> & { at: number }): QualityOptions {
  const settings: QualityOptions = { ...DEFAULT_QUALITY_OPTIONS, ...options };
  if (!Number.isFinite(settings.at))
    throw new QualityInputError(`quality option at must be a time, got ${settings.at}`);
  for (const name of [
    "completionProxySeconds",
    "listenerSaturation",
    "noveltyHalfLifeSeconds",
    "reputationConfidenceListeners",
  ] as const) {
    if (!Number.isFinite(settings[name]) || settings[name] <= 0) {
      throw new QualityInputError(`quality option ${name} must be a positive number, got ${settings[name]}`);
    }
  }
  return settings;
}
