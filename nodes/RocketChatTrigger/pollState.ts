import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between polls (in the workflow's static data): the newest time it has
 * seen and the IDs seen at exactly that time, so that entries sharing a timestamp are neither
 * emitted twice nor dropped.
 */
export interface PollState {
	lastTime?: number;
	seenIds?: string[];
}

/** Bounds the state even if thousands of entries share one millisecond. */
export const MAX_SEEN_IDS = 1000;

export function idOf(entry: IDataObject): string {
	return String(entry._id ?? entry.sessionId ?? '');
}

/** Whether a newest-first walk can stop: this entry is older than anything new could be. */
export function isBeyond(state: PollState, time: number): boolean {
	return state.lastTime !== undefined && time < state.lastTime;
}

/**
 * Picks the entries that are new since `state` from a newest-first list (duplicates allowed, as
 * pages shift while new entries arrive) and returns them oldest first, with the next state.
 */
export function selectNew(
	entries: IDataObject[],
	state: PollState,
	timeOf: (entry: IDataObject) => number,
): { fresh: IDataObject[]; next: PollState } {
	const lastTime = state.lastTime ?? -Infinity;
	const seenAtLastTime = new Set(state.seenIds ?? []);
	const emitted = new Set<string>();
	const fresh: IDataObject[] = [];
	for (const entry of entries) {
		const time = timeOf(entry);
		const id = idOf(entry);
		if (time < lastTime || (time === lastTime && seenAtLastTime.has(id)) || emitted.has(id)) continue;
		emitted.add(id);
		fresh.push(entry);
	}
	fresh.sort((a, b) => timeOf(a) - timeOf(b));
	if (fresh.length === 0) return { fresh, next: state };
	const newest = timeOf(fresh[fresh.length - 1]);
	const atNewest = fresh.filter((entry) => timeOf(entry) === newest).map(idOf);
	const carried = newest === state.lastTime ? (state.seenIds ?? []) : [];
	return {
		fresh,
		next: { lastTime: newest, seenIds: [...carried, ...atNewest].slice(-MAX_SEEN_IDS) },
	};
}

/** The state of a first activation: everything up to the newest existing entry counts as seen. */
export function initialState(newestFirst: IDataObject[], timeOf: (entry: IDataObject) => number): PollState {
	if (newestFirst.length === 0) return { lastTime: 0, seenIds: [] };
	const newest = Math.max(...newestFirst.map(timeOf));
	return {
		lastTime: newest,
		seenIds: newestFirst.filter((entry) => timeOf(entry) === newest).map(idOf).slice(-MAX_SEEN_IDS),
	};
}
