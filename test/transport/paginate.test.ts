import type { IDataObject } from 'n8n-workflow';
import { fetchPages, PAGE_SIZE, type FetchPage } from '../../nodes/RocketChat/transport/paginate';

/** A list server: `users` is read at request time, so tests can change it during a walk. */
function listServer(users: IDataObject[], options: { clampTo?: number } = {}) {
	const calls: Array<{ offset: number; count: number }> = [];
	const fetchPage: FetchPage = async ({ offset, count }) => {
		calls.push({ offset, count });
		if (count === 0) throw new Error('count=0 means "everything" to Rocket.Chat and must never be sent');
		const size = Math.min(count, options.clampTo ?? PAGE_SIZE);
		const page = users.slice(offset, offset + size);
		await new Promise((resolve) => setImmediate(resolve));
		return { users: page, count: page.length, offset, total: users.length, success: true };
	};
	return { calls, fetchPage };
}

const makeUsers = (count: number, prefix = 'u') =>
	Array.from({ length: count }, (_, index) => ({ _id: `${prefix}${index}`, username: `${prefix}${index}` }));

/** The list server, with the list changed once by `change` right before the first request after page one. */
function changedOnce(users: IDataObject[], change: (users: IDataObject[]) => void): FetchPage {
	const server = listServer(users);
	let changed = false;
	return async (qs) => {
		if (qs.offset > 0 && !changed) {
			changed = true;
			change(users);
		}
		return await server.fetchPage(qs);
	};
}

describe('pagination', () => {
	test('Return All walks every page, in order, pages of at most 100 that overlap by one user', async () => {
		const users = makeUsers(250);
		const server = listServer(users);
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, server.fetchPage, 1);
		expect(result).toEqual(users);
		expect(server.calls).toEqual([
			{ offset: 0, count: 100 },
			{ offset: 99, count: 100 },
			{ offset: 198, count: 100 },
		]);
	});

	test('Return All with concurrent pages keeps the server order', async () => {
		const users = makeUsers(1234);
		const server = listServer(users);
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, server.fetchPage, 5);
		expect(result.map((user) => user._id)).toEqual(users.map((user) => user._id));
		expect(server.calls).toHaveLength(13);
	});

	test('a Limit that is not a multiple of the page size asks for exactly what is missing', async () => {
		const server = listServer(makeUsers(500));
		const result = await fetchPages({ itemsKey: 'users', returnAll: false, limit: 230 }, server.fetchPage);
		expect(result).toHaveLength(230);
		expect(result[229]._id).toBe('u229');
		expect(server.calls).toEqual([
			{ offset: 0, count: 100 },
			{ offset: 100, count: 100 },
			{ offset: 200, count: 30 },
		]);
	});

	test('a Limit larger than the list stops at the end', async () => {
		const server = listServer(makeUsers(120));
		const result = await fetchPages({ itemsKey: 'users', returnAll: false, limit: 1000 }, server.fetchPage);
		expect(result).toHaveLength(120);
		expect(server.calls).toHaveLength(2);
	});

	test('an empty list is one request', async () => {
		const server = listServer([]);
		expect(await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, server.fetchPage, 4)).toEqual([]);
		expect(server.calls).toHaveLength(1);
	});

	test.each([
		[1, [0]],
		[100, [0]],
		[199, [0, 99]],
		[250, [0, 99, 198]],
	])('a list of %i with a total costs exactly the pages it needs (offsets %j)', async (size, offsets) => {
		const server = listServer(makeUsers(size));
		expect(await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, server.fetchPage, 4)).toHaveLength(size);
		expect(server.calls.map((call) => call.offset)).toEqual(offsets);
	});

	test('without a total it reads on while pages come back full', async () => {
		const users = makeUsers(200);
		const fetchPage: FetchPage = async ({ offset, count }) => ({ users: users.slice(offset, offset + count), success: true });
		const calls: number[] = [];
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, async (qs) => (calls.push(qs.offset), fetchPage(qs)), 4);
		expect(result).toEqual(users);
		expect(calls).toEqual([0, 99, 198]);
	});

	test('follows a server whose upper count limit is below 100', async () => {
		const users = makeUsers(130);
		const server = listServer(users, { clampTo: 50 });
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, server.fetchPage, 3);
		expect(result).toEqual(users);
	});

	test('users added during the walk are picked up, none twice', async () => {
		const users = makeUsers(300);
		const server = listServer(users);
		let added = false;
		const fetchPage: FetchPage = async (qs) => {
			if (qs.offset === 200 && !added) {
				added = true;
				users.push(...makeUsers(150, 'new'));
			}
			return await server.fetchPage(qs);
		};
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, fetchPage, 2);
		expect(result.map((user) => user._id)).toEqual(users.map((user) => user._id));
	});

	test('a removal and an addition between two page requests leave total unchanged, yet the shift is seen', async () => {
		const users = makeUsers(300);
		const fetchPage = changedOnce(users, (list) => {
			list.splice(10, 1); // everyone after u10 moves up one place...
			list.push({ _id: 'late', username: 'late' }); // ...and total stays 300
		});
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, fetchPage, 1);
		expect(result.map((user) => user._id)).toEqual(users.map((user) => user._id));
	});

	test('an addition before a page boundary shows up as a shift too, with nobody twice', async () => {
		const users = makeUsers(300);
		const fetchPage = changedOnce(users, (list) => {
			list.splice(5, 0, { _id: 'early', username: 'early' });
		});
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, fetchPage, 1);
		expect(result.map((user) => user._id)).toEqual(users.map((user) => user._id));
	});

	test.each([1, 4])('users removed during every walk (Page Concurrency %i): the last walk finds its place again, nobody else is missed', async (concurrency) => {
		const users = makeUsers(1000);
		const server = listServer(users);
		const removed: string[] = [];
		let requests = 0;
		const fetchPage: FetchPage = async (qs) => {
			// Every 3rd page request, a user early in the list is deleted: no walk ever sees the same list twice.
			if (++requests % 3 === 0) removed.push(...users.splice(5 + removed.length, 1).map((user) => user._id as string));
			return await server.fetchPage(qs);
		};
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, fetchPage, concurrency);
		const ids = result.map((user) => user._id as string);
		expect(new Set(ids).size).toBe(ids.length);
		const kept = new Set(ids);
		expect(makeUsers(1000).filter((user) => !removed.includes(user._id) && !kept.has(user._id))).toEqual([]);
		// The server's order is kept.
		const order = makeUsers(1000).map((user) => user._id);
		expect(ids.map((id) => order.indexOf(id))).toEqual([...ids.map((id) => order.indexOf(id))].sort((a, b) => a - b));
	});

	test('a user deleted during the walk makes it walk again, so no other user is missed', async () => {
		const users = makeUsers(300);
		const fetchPage = changedOnce(users, (list) => {
			list.splice(10, 1); // shifts u100 to offset 99: a walk without a check would miss it
		});
		const result = await fetchPages({ itemsKey: 'users', returnAll: true, limit: 0 }, fetchPage, 1);
		expect(result.map((user) => user._id)).toEqual(users.map((user) => user._id));
		expect(result).toHaveLength(299);
	});
});
