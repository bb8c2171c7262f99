import type { IDataObject } from 'n8n-workflow';
import {
	KNOWN_IDS,
	MAX_SEEN_IDS,
	knownIdsTracker,
	watermarkTracker,
	type KnownIdsState,
} from '../../nodes/RocketChatTrigger/pollState';
import { mapPrefixUntil, readNewestFirst, type FetchPage, type Walk } from '../../nodes/RocketChatTrigger/walk';

const idOf = (entry: IDataObject) => String(entry._id);
const timeOf = (entry: IDataObject) => Number(entry.t);
const ids = (entries: IDataObject[]) => entries.map(idOf);
/** Entries newest first, as the lists are read. */
const list = (...names: string[]) => names.map((name) => ({ _id: name }));
const walkOf = (window: IDataObject[], extra: Partial<Walk> = {}): Walk => ({
	window,
	reachedEnd: false,
	cut: false,
	pages: 1,
	...extra,
});

describe('New User: the newest known IDs', () => {
	const tracker = knownIdsTracker(idOf);

	test('first activation remembers the newest 100 users; a short list is remembered whole', () => {
		const many = Array.from({ length: 150 }, (_, index) => ({ _id: `u${index}` }));
		expect(tracker.start(walkOf(many, { total: 150 }))).toEqual({ knownIds: ids(many.slice(0, KNOWN_IDS)), complete: false, total: 150 });
		expect(tracker.start(walkOf(list('b', 'a'), { reachedEnd: true }))).toEqual({ knownIds: ['b', 'a'], complete: true });
		expect(tracker.start(walkOf([], { reachedEnd: true }))).toEqual({ knownIds: [], complete: true });
	});

	test('users listed before the remembered ones are new, emitted oldest first', () => {
		const state: KnownIdsState = { knownIds: ['c', 'b', 'a'], complete: false };
		const { fresh, next, lostTrack } = tracker.select(state, walkOf(list('e', 'd', 'c', 'b', 'a', 'old'), { total: 500 }));
		expect(ids(fresh)).toEqual(['d', 'e']);
		expect(next).toEqual({ knownIds: ['e', 'd', 'c', 'b', 'a', 'old'], complete: false, total: 500 });
		expect(lostTrack).toBe(false);
	});

	test('a user created in the same millisecond as a remembered one and listed after it is new', () => {
		const state: KnownIdsState = { knownIds: ['c', 'b', 'a'], complete: false };
		// "x" shares c's creation time; the server lists ties in any order.
		expect(ids(tracker.select(state, walkOf(list('c', 'x', 'b', 'a', 'old'))).fresh)).toEqual(['x']);
	});

	test('users after the last remembered one are old, also when remembered users were deleted', () => {
		const state: KnownIdsState = { knownIds: ['c', 'b', 'a'], complete: false };
		// b and c were deleted: a is still there, the users after it are older than anything remembered.
		const { fresh, next } = tracker.select(state, walkOf(list('n', 'a', 'old1', 'old2')));
		expect(ids(fresh)).toEqual(['n']);
		expect(next.knownIds).toEqual(['n', 'a', 'old1', 'old2']);
	});

	test('with every remembered user deleted, only the provably new users are emitted (by the growth of the list)', () => {
		const state: KnownIdsState = { knownIds: ['c', 'b'], complete: false, total: 10 };
		// Two deleted, one added: the list shrank, nothing is provably new.
		const shrunk = tracker.select(state, walkOf(list('n', 'old1', 'old2'), { reachedEnd: true, total: 9 }));
		expect(shrunk.fresh).toEqual([]);
		expect(shrunk.lostTrack).toBe(true);
		expect(shrunk.next).toEqual({ knownIds: ['n', 'old1', 'old2'], complete: true, total: 9 });
		// Two deleted, four added: the two newest are new for certain.
		const grown = tracker.select(state, walkOf(list('n4', 'n3', 'n2', 'n1', 'old1'), { reachedEnd: true, total: 12 }));
		expect(ids(grown.fresh)).toEqual(['n3', 'n4']);
		// Without totals nothing can be proven.
		expect(tracker.select({ knownIds: ['c'], complete: false }, walkOf(list('n', 'old'), { reachedEnd: true })).fresh).toEqual([]);
	});

	test('when the remembered IDs were the whole list, every unknown user is new wherever it is listed', () => {
		const state: KnownIdsState = { knownIds: ['b', 'a'], complete: true };
		const { fresh } = tracker.select(state, walkOf(list('b', 'a', 'x'), { reachedEnd: true }));
		expect(ids(fresh)).toEqual(['x']);
		expect(tracker.select({ knownIds: [], complete: true }, walkOf(list('y', 'x'), { reachedEnd: true })).fresh).toHaveLength(2);
	});

	test('a walk cut by the budget emits what it read (the newest users), as far as they are provably new', () => {
		const state: KnownIdsState = { knownIds: ['a'], complete: false, total: 100 };
		const { fresh, lostTrack } = tracker.select(state, walkOf(list('z', 'y'), { cut: true, total: 400 }));
		expect(ids(fresh)).toEqual(['y', 'z']);
		expect(lostTrack).toBe(false);
		expect(ids(tracker.select(state, walkOf(list('z', 'y'), { cut: true, total: 101 })).fresh)).toEqual(['z']);
		// A complete state: every unknown user read is new.
		expect(tracker.select({ knownIds: ['a'], complete: true }, walkOf(list('z', 'y'), { cut: true })).fresh).toHaveLength(2);
	});

	test('emitting only the oldest new users leaves the others for the next poll', () => {
		const state: KnownIdsState = { knownIds: ['b', 'a'], complete: false, total: 10 };
		const window = list('z', 'y', 'x', 'b', 'a', 'old');
		const selection = tracker.select(state, walkOf(window, { total: 13 }));
		expect(ids(selection.fresh)).toEqual(['x', 'y', 'z']);
		const partial = selection.after(1);
		expect(partial).toEqual({ knownIds: ['x', 'b', 'a', 'old'], complete: false, total: 11 });
		expect(ids(tracker.select(partial, walkOf(window, { total: 13 })).fresh)).toEqual(['y', 'z']);
		expect(selection.after(3)).toEqual(selection.next);
		// Even with every remembered user gone, the users left over count as growth.
		expect(ids(tracker.select({ ...partial, knownIds: ['gone'] }, walkOf(list('z', 'y', 'old'), { total: 13, reachedEnd: true })).fresh)).toEqual(['y', 'z']);
	});

	test('reads until a remembered user that does not close the window; a complete state reads to the end', () => {
		const state: KnownIdsState = { knownIds: ['b', 'a'], complete: false };
		expect(tracker.readEnough(state, list('x', 'y'))).toBe(false);
		expect(tracker.readEnough(state, list('x', 'b'))).toBe(false);
		expect(tracker.readEnough(state, list('x', 'b', 'a'))).toBe(true);
		expect(tracker.readEnough({ knownIds: ['b', 'a'], complete: true }, list('b', 'a', 'c'))).toBe(false);
	});

	test('reads only a state of its own shape', () => {
		expect(tracker.read({ knownIds: ['a'], complete: false })).toEqual({ knownIds: ['a'], complete: false });
		expect(tracker.read({ knownIds: ['a'], complete: false, total: 7 })).toEqual({ knownIds: ['a'], complete: false, total: 7 });
		expect(tracker.read({ lastTime: 5, seenIds: [] })).toBeUndefined();
		expect(tracker.read({ knownIds: [1], complete: false })).toBeUndefined();
	});
});

describe('New Device Session: time and the IDs seen at that time', () => {
	const tracker = watermarkTracker(timeOf, idOf);
	const entry = (id: string, t: number) => ({ _id: id, t });

	test('first activation: everything existing counts as seen', () => {
		expect(tracker.start(walkOf([entry('c', 30), entry('b', 30), entry('a', 10)]))).toEqual({ lastTime: 30, seenIds: ['c', 'b'] });
		expect(tracker.start(walkOf([], { reachedEnd: true }))).toEqual({ lastTime: 0, seenIds: [] });
	});

	test('emits only newer entries, oldest first, and remembers the newest time', () => {
		const window = [entry('d', 50), entry('c', 40), entry('b', 30), entry('a', 10)];
		const { fresh, next } = tracker.select({ lastTime: 30, seenIds: ['b'] }, walkOf(window));
		expect(ids(fresh)).toEqual(['c', 'd']);
		expect(next).toEqual({ lastTime: 50, seenIds: ['d'] });
	});

	test('entries sharing the last timestamp are neither duplicated nor dropped', () => {
		const { fresh, next } = tracker.select({ lastTime: 30, seenIds: ['b'] }, walkOf([entry('x', 30), entry('b', 30)]));
		expect(ids(fresh)).toEqual(['x']);
		expect(next).toEqual({ lastTime: 30, seenIds: ['b', 'x'] });
		expect(tracker.select(next, walkOf([entry('x', 30), entry('b', 30)])).fresh).toEqual([]);
	});

	test('nothing new leaves the state as it was', () => {
		const state = { lastTime: 30, seenIds: ['b'] };
		const { fresh, next } = tracker.select(state, walkOf([entry('b', 30), entry('a', 10)]));
		expect(fresh).toEqual([]);
		expect(next).toBe(state);
	});

	test('emitting only the oldest new entries leaves the others for the next poll', () => {
		const state = { lastTime: 30, seenIds: ['b'] };
		const window = [entry('e', 50), entry('d', 40), entry('c', 40), entry('b', 30)];
		const selection = tracker.select(state, walkOf(window));
		expect(ids(selection.fresh)).toEqual(['c', 'd', 'e']);
		expect(selection.after(0)).toEqual(state);
		const partial = selection.after(1);
		expect(partial).toEqual({ lastTime: 40, seenIds: ['c'] });
		expect(ids(tracker.select(partial, walkOf(window)).fresh)).toEqual(['d', 'e']);
	});

	test('reads until an entry older than the watermark', () => {
		const state = { lastTime: 30, seenIds: ['b'] };
		expect(tracker.readEnough(state, [entry('c', 40), entry('b', 30)])).toBe(false);
		expect(tracker.readEnough(state, [entry('b', 30), entry('a', 10)])).toBe(true);
	});

	test('the remembered IDs are bounded', () => {
		const many = Array.from({ length: MAX_SEEN_IDS + 50 }, (_, index) => entry(`id${index}`, 70));
		const { fresh, next } = tracker.select({ lastTime: 60, seenIds: [] }, walkOf(many));
		expect(fresh).toHaveLength(MAX_SEEN_IDS + 50);
		expect(next.seenIds).toHaveLength(MAX_SEEN_IDS);
	});
});

describe('reading a newest-first list', () => {
	/** A server list of `size` entries (newest first) with a page limit, recording the offsets asked for. */
	function server(size: number, pageLimit = 100, withTotal = true) {
		const entries = Array.from({ length: size }, (_, index) => ({ _id: `e${index}` }));
		const offsets: number[] = [];
		const fetchPage: FetchPage = async (offset, count) => {
			offsets.push(offset);
			const page = entries.slice(offset, offset + Math.min(count, pageLimit));
			return withTotal ? { entries: page, total: entries.length } : { entries: page };
		};
		return { entries, offsets, fetchPage };
	}
	const never = () => false;

	test('stops at the end by total, by a short page, or at an empty page', async () => {
		const s = server(250);
		const walk = await readNewestFirst(s.fetchPage, { idOf, readEnough: never, maxPages: 100 });
		expect(walk).toMatchObject({ reachedEnd: true, cut: false, pages: 3, total: 250 });
		expect(walk.window).toHaveLength(250);
		expect(s.offsets).toEqual([0, 100, 200]);
		const exact = server(200, 100, false);
		expect(await readNewestFirst(exact.fetchPage, { idOf, readEnough: never, maxPages: 100 })).toMatchObject({ reachedEnd: true, pages: 3 });
	});

	test('follows a server whose upper count limit is lower than 100', async () => {
		const s = server(120, 50);
		const walk = await readNewestFirst(s.fetchPage, { idOf, readEnough: never, maxPages: 100 });
		expect(s.offsets).toEqual([0, 50, 100]);
		expect(walk.window).toHaveLength(120);
	});

	test('stops as soon as enough was read', async () => {
		const s = server(1000);
		const walk = await readNewestFirst(s.fetchPage, {
			idOf,
			readEnough: (window) => window.some((entry) => entry._id === 'e150'),
			maxPages: 100,
		});
		expect(walk).toMatchObject({ reachedEnd: false, cut: false, pages: 2 });
	});

	test('entries repeated by a shifting list are kept once', async () => {
		let calls = 0;
		const fetchPage: FetchPage = async () => {
			calls++;
			return calls === 1 ? { entries: list('c', 'b'), total: 3 } : { entries: list('b', 'a'), total: 4 };
		};
		const walk = await readNewestFirst(fetchPage, { idOf, readEnough: never, maxPages: 10 });
		expect(ids(walk.window)).toEqual(['c', 'b', 'a']);
	});

	test('the page limit and the deadline cut the walk, always after the first page', async () => {
		const s = server(10_000);
		expect(await readNewestFirst(s.fetchPage, { idOf, readEnough: never, maxPages: 3 })).toMatchObject({ cut: true, pages: 3 });
		let clock = 0;
		const timed = server(10_000);
		const fetchPage: FetchPage = async (offset, count) => {
			clock += 400;
			return await timed.fetchPage(offset, count);
		};
		const walk = await readNewestFirst(fetchPage, { idOf, readEnough: never, maxPages: 1000, deadline: 1000, now: () => clock });
		expect(walk).toMatchObject({ cut: true, reachedEnd: false, pages: 3 });
		const late = await readNewestFirst(server(500).fetchPage, { idOf, readEnough: never, maxPages: 1000, deadline: 0, now: () => 5 });
		expect(late).toMatchObject({ cut: true, pages: 1 });
	});
});

describe('completing entries within the budget', () => {
	test('runs in order, at most `concurrency` at a time, and returns the results of a prefix', async () => {
		let clock = 0;
		let running = 0;
		let most = 0;
		const task = async (n: number) => {
			running++;
			most = Math.max(most, running);
			await Promise.resolve();
			clock += 10;
			running--;
			return n * 2;
		};
		expect(await mapPrefixUntil([1, 2, 3, 4, 5], 2, undefined, task, () => clock)).toEqual([2, 4, 6, 8, 10]);
		expect(most).toBe(2);
		clock = 0;
		const partial = await mapPrefixUntil([1, 2, 3, 4, 5, 6], 1, 25, task, () => clock);
		expect(partial).toEqual([2, 4, 6]);
		// Past the deadline already: the first still runs, so every poll makes progress.
		expect(await mapPrefixUntil([7, 8], 4, 0, task, () => 100)).toEqual([14]);
		expect(await mapPrefixUntil([], 4, 0, task)).toEqual([]);
	});

	test('rethrows the first failure', async () => {
		await expect(
			mapPrefixUntil([1, 2, 3], 2, undefined, async (n) => {
				if (n === 2) throw new Error('boom');
				return n;
			}),
		).rejects.toThrow('boom');
	});
});
