/**
 * Device Management (sessions/*). No upstream REST test exists for these routes: every case reads
 * the server source, apps/meteor/ee/server/api/sessions.ts, the Sessions model
 * (packages/models/src/models/Sessions.ts: aggregateSessionsByUserId, aggregateSessionsAndPopulate,
 * findOneBySessionIdAndUserId, logoutByloginTokenAndUserId) and SAUMonitor._getSearchTerm.
 */
import assert from 'node:assert/strict';

import { invalidParams, permissionRefused, refused, succeeded } from '../lib/assert';
import type { Actor, Answer } from '../lib/client';
import { USER_AGENTS } from '../lib/control';
import { serverHas, sharedUser, type CaseContext, type CaseGroup, type ConformanceCase, type Source } from '../lib/suite';

const ROUTES = 'apps/meteor/ee/server/api/sessions.ts';
const MODEL = 'packages/models/src/models/Sessions.ts';
const src = (fn: string, file = ROUTES): Source => ({ file, fn });

const OWN_FIELDS = ['_id', 'device', 'host', 'ip', 'loginAt', 'sessionId', 'userId'];



const ids = (res: Answer): string[] => res.body.sessions.map((s: { sessionId: string }) => s.sessionId);

/** A user-agent seen by nobody before: the server remembers a second factor per client. */
let fresh = 0;
const freshClient = () => ({ 'user-agent': `conformance-fresh-client-${Date.now()}-${++fresh}` });

const LICENCE_MIDDLEWARE = 'apps/meteor/ee/server/api/v1/middlewares/license.ts';

/** The licence middleware's answer for a route whose module the workspace lacks. */
function licenceRefused(res: Answer): void {
	refused(res, 400, 'This is an enterprise feature [error-action-not-allowed]');
	assert.equal(res.body.errorType, 'error-action-not-allowed');
}

async function own(ctx: CaseContext, as: Actor, query: Record<string, string | number> = {}): Promise<Answer> {
	return ctx.client.call('GET', 'sessions/list', { as, query });
}

async function all(ctx: CaseContext, query: Record<string, string | number> = {}): Promise<Answer> {
	return ctx.client.call('GET', 'sessions/list.all', { query, twoFactor: true });
}

function session(ctx: CaseContext, key: 'aliceChrome' | 'aliceFirefox' | 'bob'): string {
	return ctx.shared[`${key}Session`] as string;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(ctx: CaseContext): Promise<void> {
	const { control } = ctx;
	await control.setSetting('Accounts_TwoFactorAuthentication_Enabled', true);
	await control.setSetting('Accounts_TwoFactorAuthentication_Enforce_Password_Fallback', true);
	// Alice logs in from Chrome on Windows, then from Firefox on Linux; Bob once from Firefox.
	const alice = await control.createUser({ userAgent: USER_AGENTS.chromeWindows });
	await pause(5);
	const aliceFirefox = await control.login(alice.username, alice.password, USER_AGENTS.firefoxLinux);
	await pause(5);
	const bob = await control.createUser({ userAgent: USER_AGENTS.firefoxLinux });
	ctx.shared.alice = alice;
	ctx.shared.aliceFirefox = { ...aliceFirefox, username: alice.username };
	ctx.shared.bob = bob;
	const list = succeeded(await own(ctx, alice));
	assert.equal(list.body.sessions.length, 2, 'alice should have two sessions after two logins');
	ctx.shared.aliceFirefoxSession = list.body.sessions[0].sessionId;
	ctx.shared.aliceChromeSession = list.body.sessions[1].sessionId;
	ctx.shared.bobSession = succeeded(await own(ctx, bob)).body.sessions[0].sessionId;
}

const listing: ConformanceCase[] = [
	{
		endpoint: 'sessions/list',
		title: "from 8.7 the caller's own session carries current: true and the others current: false (#40351); before, no current",
		source: { file: ROUTES, fn: 'sessions/list: aggregateSessionsByUserId({ currentLoginToken }) (RocketChat/Rocket.Chat#40351)' },
		async run(ctx) {
			const sessions = succeeded(await own(ctx, sharedUser(ctx, 'alice'))).body.sessions as Array<Record<string, unknown>>;
			if (serverHas(ctx, 'sessionsCurrentFlag')) assert.deepEqual(sessions.map((s) => s.current).sort(), [false, true]);
			else assert.deepEqual(sessions.filter((s) => 'current' in s), []);
		},
	},
	{
		endpoint: 'sessions/list',
		title: "lists the caller's own sessions, newest login first, with the projected fields only",
		source: src('aggregateSessionsByUserId', MODEL),
		async run(ctx) {
			const res = succeeded(await own(ctx, sharedUser(ctx, 'alice')));
			assert.deepEqual(ids(res), [session(ctx, 'aliceFirefox'), session(ctx, 'aliceChrome')]);
			// `current` comes with newer servers (aggregateSessionsByUserId's currentLoginToken).
			assert.deepEqual(Object.keys(res.body.sessions[0]).filter((k) => k !== 'current').sort(), OWN_FIELDS);
			assert.equal(res.body.sessions[0]._id, res.body.sessions[0].sessionId);
			// getPaginationItems: count defaults to API_Default_Count (50).
			assert.deepEqual([res.body.total, res.body.count, res.body.offset], [2, 50, 0]);
		},
	},
	{
		endpoint: 'sessions/list',
		title: 'pages with offset and count; count and offset are echoed, total counts every session',
		source: src('aggregateSessionsByUserId', MODEL),
		async run(ctx) {
			const res = succeeded(await own(ctx, sharedUser(ctx, 'alice'), { offset: 1, count: 1 }));
			assert.deepEqual(ids(res), [session(ctx, 'aliceChrome')]);
			assert.deepEqual([res.body.total, res.body.count, res.body.offset], [2, 1, 1]);
		},
	},
	{
		endpoint: 'sessions/list',
		title: 'refuses a parameter the schema does not know (additionalProperties: false)',
		source: src('isSessionsPaginateProps'),
		async run(ctx) {
			const res = await own(ctx, sharedUser(ctx, 'alice'), { search: 'Chrome' });
			invalidParams(res);
		},
	},
	{
		endpoint: 'sessions/list',
		title: 'filter is matched literally and case-insensitively on the device name',
		source: src('sessions/list: escapeRegExp(filter)'),
		async run(ctx) {
			assert.deepEqual(ids(succeeded(await own(ctx, sharedUser(ctx, 'alice'), { filter: 'fIrEfOx' }))), [session(ctx, 'aliceFirefox')]);
			assert.deepEqual(ids(succeeded(await own(ctx, sharedUser(ctx, 'alice'), { filter: '^Fire|Chrome' }))), []);
		},
	},
	{
		endpoint: 'sessions/list',
		title: 'filter matches the OS name, the device type and the session id, not the IP',
		source: { file: 'apps/meteor/server/services/sauMonitor/SAUMonitor.ts', fn: '_getSearchTerm' },
		async run(ctx) {
			const alice = sharedUser(ctx, 'alice');
			assert.deepEqual(ids(succeeded(await own(ctx, alice, { filter: 'windows' }))), [session(ctx, 'aliceChrome')]);
			assert.deepEqual(ids(succeeded(await own(ctx, alice, { filter: 'browser' }))).length, 2);
			assert.deepEqual(ids(succeeded(await own(ctx, alice, { filter: session(ctx, 'aliceChrome') }))), [session(ctx, 'aliceChrome')]);
			assert.deepEqual(ids(succeeded(await own(ctx, alice, { filter: '127.0.0.1' }))), []);
		},
	},
	{
		endpoint: 'sessions/list',
		title: 'a sort key outside the six allowed ones is refused with error-invalid-sort-keys',
		source: src('validateSortKeys'),
		async run(ctx) {
			refused(await own(ctx, sharedUser(ctx, 'alice'), { sort: JSON.stringify({ ip: 1 }) }), 400, 'error-invalid-sort-keys');
		},
	},
	{
		endpoint: 'sessions/list',
		title: 'a custom sort is applied inside the page, after the newest-first skip/limit',
		source: src('aggregateSessionsByUserId: $facet docs [sort loginAt, skip, limit, custom sort]', MODEL),
		async run(ctx) {
			const alice = sharedUser(ctx, 'alice');
			const sort = JSON.stringify({ 'device.name': 1 });
			// Page 1 of size 1 is the newest login (Firefox), although Chrome sorts first by name.
			assert.deepEqual(ids(succeeded(await own(ctx, alice, { sort, count: 1 }))), [session(ctx, 'aliceFirefox')]);
			assert.deepEqual(ids(succeeded(await own(ctx, alice, { sort, count: 2 }))), [session(ctx, 'aliceChrome'), session(ctx, 'aliceFirefox')]);
		},
	},
	{
		endpoint: 'sessions/info',
		title: "returns one of the caller's sessions by session id",
		source: src('findOneBySessionIdAndUserId', MODEL),
		async run(ctx) {
			const res = succeeded(await ctx.client.call('GET', 'sessions/info', { as: sharedUser(ctx, 'alice'), query: { sessionId: session(ctx, 'aliceChrome') } }));
			assert.equal(res.body.sessionId, session(ctx, 'aliceChrome'));
			assert.equal(res.body.userId, sharedUser(ctx, 'alice').userId);
			assert.equal(res.body.device.name, 'Chrome');
		},
	},
	{
		endpoint: 'sessions/info',
		title: "another user's session is 'Session not found' (404)",
		source: src('sessions/info'),
		async run(ctx) {
			refused(await ctx.client.call('GET', 'sessions/info', { as: sharedUser(ctx, 'alice'), query: { sessionId: session(ctx, 'bob') } }), 404, 'Session not found');
		},
	},
	{
		endpoint: 'sessions/info',
		title: 'without sessionId the parameters are refused (invalid-params)',
		source: src('isSessionsProps'),
		async run(ctx) {
			const res = await ctx.client.call('GET', 'sessions/info', { as: sharedUser(ctx, 'alice') });
			invalidParams(res);
		},
	},
	{
		endpoint: 'sessions/list.all',
		title: 'without view-device-management: 403, checked before the second factor',
		source: src("sessions/list.all: permissionsRequired ['view-device-management'], twoFactorRequired"),
		async run(ctx) {
			refused(await ctx.client.call('GET', 'sessions/list.all', { as: sharedUser(ctx, 'alice'), headers: freshClient() }), 403);
		},
	},
	{
		endpoint: 'sessions/list.all',
		title: 'an administrator without a second factor gets totp-required',
		source: src('sessions/list.all: twoFactorRequired'),
		async run(ctx) {
			const res = await ctx.client.call('GET', 'sessions/list.all', { headers: freshClient() });
			refused(res, 400);
			assert.equal(res.body.errorType, 'totp-required');
		},
	},
	{
		endpoint: 'sessions/list.all',
		title: "with the second factor: every user's sessions with _user (name, username)",
		source: src('aggregateSessionsAndPopulate', MODEL),
		async run(ctx) {
			const alice = sharedUser(ctx, 'alice');
			const res = succeeded(await all(ctx, { filter: alice.username }));
			const mine = res.body.sessions.filter((s: { userId: string }) => s.userId === alice.userId);
			assert.equal(mine.length, 2);
			assert.equal(mine[0]._user.username, alice.username);
			assert.equal(typeof mine[0]._user.name, 'string');
		},
	},
	{
		endpoint: 'sessions/list.all',
		title: "the filter also finds the sessions of users whose username matches (their ids join the search)",
		source: src('sessions/list.all: findActiveByUsernameOrNameRegexWithExceptionsAndConditions'),
		async run(ctx) {
			const bob = sharedUser(ctx, 'bob');
			assert.deepEqual(ids(succeeded(await all(ctx, { filter: bob.username }))), [session(ctx, 'bob')]);
		},
	},
	{
		endpoint: 'sessions/list.all',
		title: 'an unknown parameter without the permission: invalid-params until 8.3, the permission refusal from 8.3 (permissions middleware, #39351)',
		source: { file: 'apps/meteor/server/api/ApiClass.ts', fn: 'addRoute: authentication → permissionsMiddleware → license → action (validateParams inside)' },
		async run(ctx) {
			const res = await ctx.client.call('GET', 'sessions/list.all', { as: sharedUser(ctx, 'alice'), query: { userId: 'x' } });
			if (serverHas(ctx, 'permissionsMiddleware')) permissionRefused(res);
			else invalidParams(res);
		},
	},
	{
		endpoint: 'sessions/info.admin',
		title: "finds any user's session by id, with _user",
		source: src('sessions/info.admin'),
		async run(ctx) {
			const res = succeeded(await ctx.client.call('GET', 'sessions/info.admin', { query: { sessionId: session(ctx, 'bob') }, twoFactor: true }));
			assert.equal(res.body.sessionId, session(ctx, 'bob'));
			assert.equal(res.body._user.username, sharedUser(ctx, 'bob').username);
		},
	},
	{
		endpoint: 'sessions/info.admin',
		title: 'the session id is a search over the search term: a user id finds that user\'s newest session',
		source: src('sessions/info.admin: aggregateSessionsAndPopulate({ search: sessionId, count: 1 })'),
		async run(ctx) {
			const res = succeeded(await ctx.client.call('GET', 'sessions/info.admin', { query: { sessionId: sharedUser(ctx, 'alice').userId }, twoFactor: true }));
			assert.equal(res.body.sessionId, session(ctx, 'aliceFirefox'));
		},
	},
	{
		endpoint: 'sessions/info.admin',
		title: "an id that matches nothing is 'Session not found' (404)",
		source: src('sessions/info.admin'),
		async run(ctx) {
			refused(await ctx.client.call('GET', 'sessions/info.admin', { query: { sessionId: 'NoSuchSession000' }, twoFactor: true }), 404, 'Session not found');
		},
	},
];

const logouts: ConformanceCase[] = [
	{
		endpoint: 'sessions/logout.me',
		title: "another user's session cannot be logged out as one's own (404)",
		source: src('sessions/logout.me'),
		async run(ctx) {
			refused(await ctx.client.call('POST', 'sessions/logout.me', { as: sharedUser(ctx, 'alice'), body: { sessionId: session(ctx, 'bob') } }), 404, 'Session not found');
		},
	},
	{
		endpoint: 'sessions/logout',
		title: 'without logout-device-management: 403',
		source: src("sessions/logout: permissionsRequired ['logout-device-management']"),
		async run(ctx) {
			refused(await ctx.client.call('POST', 'sessions/logout', { as: sharedUser(ctx, 'alice'), body: { sessionId: session(ctx, 'bob') }, headers: freshClient() }), 403);
		},
	},
	{
		endpoint: 'sessions/logout',
		title: 'an administrator without a second factor gets totp-required and nothing is logged out',
		source: src('sessions/logout: twoFactorRequired'),
		async run(ctx) {
			const res = await ctx.client.call('POST', 'sessions/logout', { body: { sessionId: session(ctx, 'bob') }, headers: freshClient() });
			refused(res, 400);
			assert.equal(res.body.errorType, 'totp-required');
			succeeded(await ctx.client.call('GET', 'me', { as: sharedUser(ctx, 'bob') }));
		},
	},
	{
		endpoint: 'sessions/logout',
		title: "an unknown session is 'Session not found' (404)",
		source: src('sessions/logout: findOneBySessionId'),
		async run(ctx) {
			refused(await ctx.client.call('POST', 'sessions/logout', { body: { sessionId: 'NoSuchSession000' }, twoFactor: true }), 404, 'Session not found');
		},
	},
	{
		endpoint: 'sessions/logout.me',
		title: 'logs out one own session: its token stops working, it leaves the list, the other stays',
		source: src('sessions/logout.me: unsetOneLoginToken + logoutByloginTokenAndUserId'),
		async run(ctx) {
			const alice = sharedUser(ctx, 'alice');
			const firefox = ctx.shared.aliceFirefox as Actor;
			assert.deepEqual(succeeded(await ctx.client.call('POST', 'sessions/logout.me', { as: alice, body: { sessionId: session(ctx, 'aliceFirefox') } })).body.sessionId, session(ctx, 'aliceFirefox'));
			assert.equal((await ctx.client.call('GET', 'me', { as: firefox })).status, 401);
			assert.deepEqual(ids(succeeded(await own(ctx, alice))), [session(ctx, 'aliceChrome')]);
		},
	},
	{
		endpoint: 'sessions/info',
		title: 'a logged-out session is still found by id, with logoutAt and logoutBy = its owner',
		source: src('findOneBySessionIdAndUserId (loginToken kept) + logoutByloginTokenAndUserId (logoutBy || userId)', MODEL),
		async run(ctx) {
			const alice = sharedUser(ctx, 'alice');
			const res = succeeded(await ctx.client.call('GET', 'sessions/info', { as: alice, query: { sessionId: session(ctx, 'aliceFirefox') } }));
			assert.equal(typeof res.body.logoutAt, 'string');
			assert.equal(res.body.logoutBy, alice.userId);
		},
	},
	{
		endpoint: 'sessions/logout',
		title: "an administrator logs out another user's session: the user's token stops working, list.all no longer shows it",
		source: src('sessions/logout: logoutBy = the administrator'),
		async run(ctx) {
			const bob = sharedUser(ctx, 'bob');
			assert.equal(succeeded(await ctx.client.call('POST', 'sessions/logout', { body: { sessionId: session(ctx, 'bob') }, twoFactor: true })).body.sessionId, session(ctx, 'bob'));
			assert.equal((await ctx.client.call('GET', 'me', { as: bob })).status, 401);
			assert.deepEqual(ids(succeeded(await all(ctx, { filter: bob.username }))), []);
			refused(await ctx.client.call('GET', 'sessions/info.admin', { query: { sessionId: session(ctx, 'bob') }, twoFactor: true }), 404, 'Session not found');
		},
	},
];

export const sessionGroup: CaseGroup = { name: 'Device Management', setup, cases: [...listing, ...logouts] };

/** Cases for a server without the device-management licence (the simulator's --no-licence). */
export const unlicensedGroup: CaseGroup = {
	name: 'Device Management without licence',
	needs: 'unlicensed',
	async setup(ctx) {
		ctx.shared.alice = await ctx.control.createUser();
	},
	cases: [
		{
			endpoint: 'sessions/list',
			title: 'without the licence the own listing answers the licence middleware: 400 This is an enterprise feature',
			source: { file: LICENCE_MIDDLEWARE, fn: 'license(options, License)' },
			async run(ctx) {
				licenceRefused(await own(ctx, sharedUser(ctx, 'alice')));
			},
		},
		{
			endpoint: 'sessions/list.all',
			title: 'from 8.3 login and permission before the licence, the licence before parameters and the second factor; before 8.3 the licence first',
			source: { file: 'apps/meteor/server/api/ApiClass.ts', fn: 'addRoute: authentication → permissionsMiddleware → license → action (#39351)' },
			async run(ctx) {
				const anonymous = await ctx.client.call('GET', 'sessions/list.all', { as: null });
				const withoutPermission = await ctx.client.call('GET', 'sessions/list.all', { as: sharedUser(ctx, 'alice'), headers: freshClient() });
				if (serverHas(ctx, 'permissionsMiddleware')) {
					refused(anonymous, 401);
					permissionRefused(withoutPermission);
				} else {
					licenceRefused(anonymous);
					licenceRefused(withoutPermission);
				}
				// A permitted caller without a code and with an unknown parameter: the licence answers first.
				licenceRefused(await ctx.client.call('GET', 'sessions/list.all', { headers: freshClient(), query: { bogus: '1' } }));
			},
		},
	],
};
