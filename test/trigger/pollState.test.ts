import type { IDataObject } from 'n8n-workflow';
import { initialState, MAX_SEEN_IDS, selectNew } from '../../nodes/RocketChatTrigger/pollState';

const timeOf = (entry: IDataObject) => Number(entry.t);
const entry = (id: string, t: number) => ({ _id: id, t });

describe('trigger poll state', () => {
	test('first activation: everything existing counts as seen', () => {
		expect(initialState([entry('c', 30), entry('b', 30), entry('a', 10)], timeOf)).toEqual({
			lastTime: 30,
			seenIds: ['c', 'b'],
		});
		expect(initialState([], timeOf)).toEqual({ lastTime: 0, seenIds: [] });
	});

	test('emits only newer entries, oldest first, and remembers the newest time', () => {
		const { fresh, next } = selectNew([entry('d', 50), entry('c', 40), entry('b', 30), entry('a', 10)], { lastTime: 30, seenIds: ['b'] }, timeOf);
		expect(fresh.map((e) => e._id)).toEqual(['c', 'd']);
		expect(next).toEqual({ lastTime: 50, seenIds: ['d'] });
	});

	test('entries sharing the last timestamp are neither duplicated nor dropped', () => {
		const state = { lastTime: 30, seenIds: ['b'] };
		const { fresh, next } = selectNew([entry('x', 30), entry('b', 30)], state, timeOf);
		expect(fresh.map((e) => e._id)).toEqual(['x']);
		expect(next).toEqual({ lastTime: 30, seenIds: ['b', 'x'] });
		expect(selectNew([entry('x', 30), entry('b', 30)], next, timeOf).fresh).toEqual([]);
	});

	test('duplicates from shifting pages are emitted once', () => {
		const { fresh } = selectNew([entry('n', 60), entry('m', 55), entry('m', 55)], { lastTime: 50, seenIds: [] }, timeOf);
		expect(fresh.map((e) => e._id)).toEqual(['m', 'n']);
	});

	test('nothing new leaves the state as it was', () => {
		const state = { lastTime: 30, seenIds: ['b'] };
		expect(selectNew([entry('b', 30), entry('a', 10)], state, timeOf)).toEqual({ fresh: [], next: state });
	});

	test('the remembered IDs are bounded', () => {
		const many = Array.from({ length: MAX_SEEN_IDS + 50 }, (_, index) => entry(`id${index}`, 70));
		const { fresh, next } = selectNew(many, { lastTime: 60, seenIds: [] }, timeOf);
		expect(fresh).toHaveLength(MAX_SEEN_IDS + 50);
		expect(next.seenIds).toHaveLength(MAX_SEEN_IDS);
	});
});
