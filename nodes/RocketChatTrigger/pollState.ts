import type { IDataObject } from 'n8n-workflow';
import type { Walk } from './walk';

/**
 * What the trigger remembers between polls (in the workflow's static data) and how it tells new entries
 * from old ones. The two events need different rules, because only one of the lists says when its
 * entries happened:
 *
 * New User ("known IDs"). users.list sorts by creation time, newest first, but does not return
 * `createdAt`. The trigger remembers the IDs of the 100 newest users it saw in its last poll. New users
 * only ever join at the top of that order, so the remembered users form one block below them, and a
 * user is new when it is listed before the last remembered user reached and is not remembered itself.
 * That also catches a user created in the same millisecond as a remembered one and listed after it.
 * A deleted user just leaves the block. When no remembered user is reached (all 100 were deleted, or
 * the poll's time ran out first), only the users that are provably new are emitted: the newest
 * `total - previous total` ones, since deletions can only lower that count. `complete` means the
 * remembered IDs were the whole list (a workspace with at most 100 users): then every unknown user is new.
 *
 * New Device Session ("watermark"). Sessions carry `loginAt`. The trigger remembers the newest login
 * time it has seen and the IDs seen at exactly that time, so sessions sharing that millisecond are
 * neither emitted twice nor dropped.
 *
 * Both states are bounded: 100 IDs, and at most 1,000 IDs sharing one millisecond.
 */

export const KNOWN_IDS = 100;
export const MAX_SEEN_IDS = 1000;

export interface KnownIdsState {
	/** Newest first. */
	knownIds: string[];
	complete: boolean;
	/** The list's size when the remembered IDs were read (absent if the server sent no total). */
	total?: number;
}

export interface WatermarkState {
	/** Epoch ms of the newest entry seen (0 when the list was empty). */
	lastTime: number;
	/** IDs of the entries seen at exactly `lastTime`. */
	seenIds: string[];
}

export interface Selection<S> {
	/** The new entries, oldest first. */
	fresh: IDataObject[];
	/** The state once all of `fresh` is emitted. */
	next: S;
	/**
	 * The state once only the oldest `count` of `fresh` are emitted: the others stay new for the next
	 * poll (when the poll's time runs out while completing them).
	 */
	after(count: number): S;
	/** No remembered entry was left: only the provably new entries were emitted. */
	lostTrack?: boolean;
}

/** One of the two rules, behind the same interface for the trigger. */
export interface Tracker<S> {
	/** The state of a first activation: everything listed now counts as seen. */
	start(walk: Walk): S;
	/** The stored state, or undefined when it is missing or not of this rule. */
	read(data: IDataObject): S | undefined;
	readEnough(state: S, window: IDataObject[]): boolean;
	select(state: S, walk: Walk): Selection<S>;
}

function stringList(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? (value as string[]) : undefined;
}

function findLastIndex<T>(list: T[], predicate: (entry: T) => boolean): number {
	for (let index = list.length - 1; index >= 0; index--) if (predicate(list[index])) return index;
	return -1;
}

export function knownIdsTracker(idOf: (entry: IDataObject) => string): Tracker<KnownIdsState> {
	/** The newest users of the walk, leaving out those still to be emitted. */
	const remember = (walk: Walk, left: IDataObject[] = []): KnownIdsState => {
		const pending = new Set(left.map(idOf));
		const seen = walk.window.filter((entry) => !pending.has(idOf(entry)));
		return {
			knownIds: seen.slice(0, KNOWN_IDS).map(idOf),
			complete: walk.reachedEnd && seen.length <= KNOWN_IDS,
			// Counted as growth next time, so the users left for later count as new.
			...(walk.total !== undefined ? { total: walk.total - pending.size } : {}),
		};
	};
	const start = (walk: Walk): KnownIdsState => remember(walk);
	return {
		start,
		read: (data) => {
			const knownIds = stringList(data.knownIds);
			if (!knownIds || typeof data.complete !== 'boolean') return undefined;
			const total = typeof data.total === 'number' ? { total: data.total } : {};
			return { knownIds, complete: data.complete, ...total };
		},
		readEnough: (state, window) => {
			// A complete state must read to the end: a new user may be listed anywhere among the old ones.
			if (state.complete) return false;
			const known = new Set(state.knownIds);
			const first = window.findIndex((entry) => known.has(idOf(entry)));
			// Not when the first remembered user closes the window: a user created in its millisecond may
			// follow it on the next page.
			return first >= 0 && first < window.length - 1;
		},
		select: (state, walk) => {
			const known = new Set(state.knownIds);
			const unknown = (entry: IDataObject) => !known.has(idOf(entry));
			const lastKnown = findLastIndex(walk.window, (entry) => known.has(idOf(entry)));
			let fresh: IDataObject[];
			let lostTrack = false;
			if (state.complete) fresh = walk.window.filter(unknown);
			else if (lastKnown >= 0) fresh = walk.window.slice(0, lastKnown).filter(unknown);
			else {
				// No remembered user reached. Users added since = growth of the list + users deleted, so the
				// newest `growth` users are new for certain; older ones in the window may be old users.
				const growth =
					state.total !== undefined && walk.total !== undefined ? Math.max(0, walk.total - state.total) : 0;
				fresh = walk.window.slice(0, growth).filter(unknown);
				lostTrack = !walk.cut;
			}
			fresh.reverse();
			return { fresh, next: start(walk), after: (count) => remember(walk, fresh.slice(count)), lostTrack };
		},
	};
}

export function watermarkTracker(
	timeOf: (entry: IDataObject) => number,
	idOf: (entry: IDataObject) => string,
): Tracker<WatermarkState> {
	return {
		start: (walk) => {
			if (walk.window.length === 0) return { lastTime: 0, seenIds: [] };
			const newest = Math.max(...walk.window.map(timeOf));
			const atNewest = walk.window.filter((entry) => timeOf(entry) === newest).map(idOf);
			return { lastTime: newest, seenIds: atNewest.slice(-MAX_SEEN_IDS) };
		},
		read: (data) => {
			const seenIds = stringList(data.seenIds);
			return seenIds && typeof data.lastTime === 'number' ? { lastTime: data.lastTime, seenIds } : undefined;
		},
		// Newest first: an entry older than the watermark means everything after it is older too.
		readEnough: (state, window) => window.length > 0 && timeOf(window[window.length - 1]) < state.lastTime,
		select: (state, walk) => {
			const seenAtLastTime = new Set(state.seenIds);
			const fresh = walk.window
				.filter((entry) => {
					const time = timeOf(entry);
					return time > state.lastTime || (time === state.lastTime && !seenAtLastTime.has(idOf(entry)));
				})
				// Oldest first; the sort is stable, so entries sharing a millisecond keep the reverse listing order.
				.reverse()
				.sort((a, b) => timeOf(a) - timeOf(b));
			const after = (count: number): WatermarkState => {
				const emitted = fresh.slice(0, count);
				if (emitted.length === 0) return state;
				const newest = timeOf(emitted[emitted.length - 1]);
				const atNewest = emitted.filter((entry) => timeOf(entry) === newest).map(idOf);
				const carried = newest === state.lastTime ? state.seenIds : [];
				return { lastTime: newest, seenIds: [...carried, ...atNewest].slice(-MAX_SEEN_IDS) };
			};
			return { fresh, next: after(fresh.length), after };
		},
	};
}
