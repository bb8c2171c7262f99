import type { IDataObject } from 'n8n-workflow';
import * as previewIdleUsers from '../../nodes/RocketChat/actions/user/previewIdleUsers';
import { simplifyUser } from '../../nodes/RocketChat/actions/shared/fields';
import type { RequestSpec } from '../../nodes/RocketChat/transport/spec';
import { buildRequest, NOW, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();
const DAY = 86_400_000;
const CUTOFF_30 = NOW - 30 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

/** What the transport does with a preview spec's entities: filter, then map. */
function preview(spec: RequestSpec, users: IDataObject[]): IDataObject[] {
	const { filter, map } = spec.output!;
	return users.filter(filter!).map(map!);
}

const user = (username: string, extra: IDataObject = {}): IDataObject => ({
	_id: `id-${username}`,
	username,
	active: true,
	roles: ['user'],
	createdAt: iso(CUTOFF_30 - 400 * DAY),
	...extra,
});

describe('User → Preview Idle Users (users.list, users.info)', () => {
	const spec = buildRequest(previewIdleUsers, { daysIdle: 30 });

	test('changes nothing: a full users.list walk', () => {
		expect(spec).toEqual({
			method: 'GET',
			path: '/api/v1/users.list',
			permission: 'view-d-room',
			paginate: { itemsKey: 'users', returnAll: true, limit: 0 },
			output: {
				key: 'users',
				each: true,
				complete: { needs: expect.any(Function), request: expect.any(Function), merge: expect.any(Function) },
				filter: expect.any(Function),
				map: expect.any(Function),
			},
		});
		expect(spec.body).toBeUndefined();
	});

	test('reproduces the server rule, including both edges of the cutoff', () => {
		const would = [
			user('login.at.cutoff', { lastLogin: iso(CUTOFF_30) }),
			user('login.before', { lastLogin: iso(CUTOFF_30 - 1) }),
			user('never.created.at.cutoff', { createdAt: iso(CUTOFF_30) }),
			user('never.old', { createdAt: iso(CUTOFF_30 - DAY) }),
			user('never.null.login', { lastLogin: null, createdAt: iso(CUTOFF_30 - DAY) }),
			user('bot.with.user.role', { type: 'bot', roles: ['bot', 'user'], lastLogin: iso(CUTOFF_30 - DAY) }),
			user('ejson.dates', { lastLogin: { $date: CUTOFF_30 - DAY } }),
		];
		const wouldNot = [
			user('login.after', { lastLogin: iso(CUTOFF_30 + 1) }),
			user('never.created.after', { createdAt: iso(CUTOFF_30 + 1) }),
			// A recent login wins over an old creation date: the server only looks at createdAt without a lastLogin.
			user('old.account.recent.login', { lastLogin: iso(CUTOFF_30 + DAY), createdAt: iso(CUTOFF_30 - 900 * DAY) }),
			user('other.role', { roles: ['guest'], lastLogin: iso(CUTOFF_30 - DAY) }),
			user('no.roles', { roles: [], lastLogin: iso(CUTOFF_30 - DAY) }),
			user('already.inactive', { active: false, lastLogin: iso(CUTOFF_30 - DAY) }),
			user('bad.date', { lastLogin: 'yesterday' }),
		];
		const result = preview(spec, [...wouldNot, ...would]);
		expect(result.map((entry) => entry.username)).toEqual(would.map((entry) => entry.username));
		expect(Object.fromEntries(result.map((entry) => [entry.username, entry.idleReason]))).toEqual({
			'login.at.cutoff': 'lastLogin before cutoff',
			'login.before': 'lastLogin before cutoff',
			'never.created.at.cutoff': 'never logged in, created before cutoff',
			'never.old': 'never logged in, created before cutoff',
			'never.null.login': 'never logged in, created before cutoff',
			'bot.with.user.role': 'lastLogin before cutoff',
			'ejson.dates': 'lastLogin before cutoff',
		});
	});

	test('reads the creation date of never-logged-in users with users.info, and only theirs', () => {
		// Current servers' users.list projects no createdAt (name, username, emails, roles, status, active,
		// avatarETag, lastLogin, type), so the preview asks users.info for the users whose age decides.
		const complete = spec.output!.complete!;
		const listed = { _id: 'n1', username: 'never', active: true, roles: ['user'], type: 'user', status: 'offline' };
		expect(complete.needs(listed)).toBe(true);
		expect(complete.needs({ ...listed, lastLogin: null })).toBe(true);
		expect(complete.needs({ ...listed, lastLogin: iso(CUTOFF_30) })).toBe(false);
		expect(complete.needs({ ...listed, active: false })).toBe(false);
		expect(complete.needs({ ...listed, roles: ['guest'] })).toBe(false);
		expect(complete.request(listed)).toEqual({ method: 'GET', path: '/api/v1/users.info', qs: { userId: 'n1' }, permission: 'view-d-room' });
		const merged = complete.merge(listed, { user: { _id: 'n1', createdAt: iso(CUTOFF_30 - DAY) } });
		expect(merged).toEqual({ ...listed, createdAt: iso(CUTOFF_30 - DAY) });
		expect(preview(spec, [merged])).toEqual([{ ...merged, idleReason: 'never logged in, created before cutoff' }]);
		const recent = complete.merge(listed, { user: { _id: 'n1', createdAt: iso(CUTOFF_30 + 1) } });
		expect(preview(spec, [recent])).toEqual([]);
	});

	test('a never-logged-in user whose creation date cannot be read is reported, not hidden', () => {
		// users.info leaves out createdAt for callers without view-full-other-user-info.
		const listed = { _id: 'n1', username: 'new.or.old', active: true, roles: ['user'], type: 'user', status: 'offline' };
		const unread = spec.output!.complete!.merge(listed, { user: { _id: 'n1', username: 'new.or.old' } });
		expect(unread).toEqual(listed);
		expect(preview(spec, [unread, { ...listed, username: 'null.created', createdAt: null }])).toEqual([
			{ ...listed, idleReason: 'never logged in, creation date unknown' },
			{ ...listed, username: 'null.created', createdAt: null, idleReason: 'never logged in, creation date unknown' },
		]);
		// A listed login date still decides exactly.
		expect(preview(spec, [{ ...listed, lastLogin: iso(CUTOFF_30 + 1) }])).toEqual([]);
		expect(preview(spec, [{ ...listed, active: false }])).toEqual([]);
	});

	test('keeps the raw user and adds the reason; Simplify reshapes it', () => {
		const raw = user('idle', { lastLogin: iso(CUTOFF_30 - DAY), emails: [{ address: 'idle@example.com' }] });
		expect(preview(spec, [raw])).toEqual([{ ...raw, idleReason: 'lastLogin before cutoff' }]);
		const simplified = buildRequest(previewIdleUsers, { daysIdle: 30, simplify: true });
		expect(preview(simplified, [raw])).toEqual([{ ...simplifyUser(raw), idleReason: 'lastLogin before cutoff' }]);
	});

	test('uses the chosen role and the injected clock, never the real one', () => {
		const agent = user('agent', { roles: ['livechat-agent'], lastLogin: iso(NOW - 10 * DAY) });
		const forRole = (role: string, now: number) =>
			preview(buildRequest(previewIdleUsers, { daysIdle: 10, role }, { now }), [agent]);
		expect(forRole('livechat-agent', NOW)).toHaveLength(1);
		expect(forRole('livechat-agent', NOW - 1)).toHaveLength(0);
		expect(forRole('user', NOW)).toHaveLength(0);
		// A role stored as plain text matches like MongoDB's equality on a scalar.
		expect(preview(buildRequest(previewIdleUsers, { daysIdle: 10, role: 'x' }), [{ ...agent, roles: 'x' }])).toHaveLength(1);
	});

	test('fails clearly when users.list hides the fields the rule needs', () => {
		// Older servers without view-full-other-user-info: no roles, createdAt or lastLogin.
		const limited = { _id: 'u1', username: 'jane', active: true, name: 'Jane' };
		expect(() => preview(spec, [limited])).toThrow(/view-full-other-user-info/);
	});

	test('shows Simplify, and the same rule fields as Deactivate Idle Users', () => {
		const names = previewIdleUsers.description.map((property) => property.name);
		expect(names).toEqual(expect.arrayContaining(['daysIdle', 'role', 'simplify']));
		expect(names).not.toContain('previewOnly');
	});

	test.each([
		[{ daysIdle: 0 }, 'Days Idle (item 4): must be at least 1'],
		[{ daysIdle: 30, simplify: 'perhaps' }, 'Simplify (item 4): expected true or false, got "perhaps"'],
	])('%j is an error naming the field and item', (values, message) => {
		expect(() => buildRequest(previewIdleUsers, values, { itemIndex: 4 })).toThrow(message);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(previewIdleUsers, { daysIdle: 30 })))).toEqual([]);
	});
});
