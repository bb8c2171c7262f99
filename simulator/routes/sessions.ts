/** Device Management: the six sessions/* routes (apps/meteor/ee/server/api/sessions.ts). */
import { failure, notFound, unauthorized } from '../errors';
import { first, getPaginationItems, ListingCache, paginate, parseSort, sortBy, type SortSpec } from '../query';
import type { SimState } from '../state';
import type { SimSession } from '../types';
import { authed, ok, str, v, type RouteContext, type RouteDef } from './common';

const SORT_KEYS = ['loginAt', 'device.name', 'device.os.name', 'device.os.version', '_user.name', '_user.username'];

function requireLicence(ctx: RouteContext): void {
	// The licence check sits inside each handler, i.e. after auth, permissions and 2FA.
	if (!ctx.state.settings.deviceManagementLicence) throw unauthorized();
}

function sessionGetter(state: SimState): (s: SimSession, key: string) => unknown {
	return (s, key) => {
		switch (key) {
			case 'loginAt':
				return s.loginAt;
			case 'device.name':
				return s.device.name;
			case 'device.os.name':
				return s.device.os.name;
			case 'device.os.version':
				return s.device.os.version;
			case '_user.name':
				return state.userById(s.userId)?.name;
			case '_user.username':
				return state.userById(s.userId)?.username;
			default:
				return undefined;
		}
	};
}

function paginateValidation(ctx: RouteContext): string[] {
	const errors: string[] = [];
	for (const k of ['count', 'offset']) {
		const val = first(ctx.query, k);
		if (val !== undefined && val !== '' && Number.isNaN(Number(val))) errors.push('must be number');
	}
	return errors;
}

function sessionIdValidation(params: Record<string, unknown>): string[] {
	return [...v.required(params, 'sessionId'), ...v.type(params, 'sessionId', 'string')];
}

const caches = new WeakMap<SimState, ListingCache<SimSession>>();

/**
 * Sessions still holding a login token and not logged out, newest login first, filtered by a
 * case-insensitive regex on searchTerm. `count` in the answer echoes the requested page size and
 * count=0 fails, as the aggregation's `$limit: count` does on the server.
 */
function listSessions(ctx: RouteContext, scope: 'own' | 'all') {
	const { state } = ctx;
	const { offset, count } = getPaginationItems(ctx.query);
	const sort: SortSpec = parseSort(first(ctx.query, 'sort')) ?? [['loginAt', -1]];
	if (!sort.every(([k]) => SORT_KEYS.includes(k))) throw failure('error-invalid-sort-keys');
	if (count === 0) throw failure('the limit must be positive');
	const filter = first(ctx.query, 'filter') ?? '';
	let re: RegExp | undefined;
	try {
		re = filter ? new RegExp(filter, 'i') : undefined;
	} catch (e) {
		throw failure(`Regular expression is invalid: ${(e as Error).message}`);
	}
	const me = authed(ctx);
	let cache = caches.get(state);
	if (!cache) caches.set(state, (cache = new ListingCache<SimSession>()));
	const key = `${scope}|${scope === 'own' ? me.user._id : ''}|${filter}|${JSON.stringify(sort)}`;
	const all = cache.get(key, state.version, offset, () => {
		const listed = state.sessions.filter((s) => !s.logoutAt && s.loginToken !== '' && (scope === 'all' || s.userId === me.user._id) && (!re || re.test(state.searchTermOf(s))));
		const byLogin = sortBy(listed, [['loginAt', -1]], sessionGetter(state));
		return sort.length === 1 && sort[0][0] === 'loginAt' && sort[0][1] === -1 ? byLogin : sortBy(byLogin, sort, sessionGetter(state));
	});
	return { page: paginate(all, offset, count), total: all.length, offset, count };
}

function ownItem(s: SimSession, currentHash: string): Record<string, unknown> {
	return { _id: s.sessionId, sessionId: s.sessionId, userId: s.userId, device: s.device, host: s.host, ip: s.ip, loginAt: s.loginAt, current: s.loginToken === currentHash };
}

function adminItem(state: SimState, s: SimSession): Record<string, unknown> {
	const u = state.userById(s.userId);
	return {
		_id: s.sessionId,
		sessionId: s.sessionId,
		device: s.device,
		host: s.host,
		ip: s.ip,
		loginAt: s.loginAt,
		userId: s.userId,
		_user: u ? { name: u.name, username: u.username, avatarETag: u.avatar?.etag } : undefined,
	};
}

function fullSession(state: SimState, s: SimSession): Record<string, unknown> {
	return { ...s, device: { ...s.device, os: { ...s.device.os } }, roles: [...s.roles], searchTerm: state.searchTermOf(s) };
}

/** Users.unsetOneLoginToken + Sessions.logoutByloginTokenAndUserId */
function logoutSession(ctx: RouteContext, s: SimSession, by?: string): void {
	const { state } = ctx;
	const user = state.userById(s.userId);
	if (user) state.removeLoginTokens(user, (t) => t.hashedToken === s.loginToken, by);
	if (!s.logoutAt) {
		s.logoutAt = state.now();
		if (by) s.logoutBy = by;
	}
	state.touch();
}

export const sessionRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/v1/sessions/list',
		auth: 'required',
		validate: paginateValidation,
		handler: (ctx) => {
			requireLicence(ctx);
			const { page, total, offset, count } = listSessions(ctx, 'own');
			const current = authed(ctx).token.hashedToken;
			return ok({ sessions: page.map((s) => ownItem(s, current)), total, count, offset });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/sessions/list.all',
		auth: 'required',
		permissions: ['view-device-management'],
		twoFactor: {},
		validate: paginateValidation,
		handler: (ctx) => {
			requireLicence(ctx);
			const { page, total, offset, count } = listSessions(ctx, 'all');
			return ok({ sessions: page.map((s) => adminItem(ctx.state, s)), total, count, offset });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/sessions/info',
		auth: 'required',
		validate: (ctx) => sessionIdValidation(ctx.query),
		handler: (ctx) => {
			requireLicence(ctx);
			const s = ctx.state.sessionBySessionId(first(ctx.query, 'sessionId') as string);
			if (!s || s.userId !== authed(ctx).user._id || !s.loginToken) throw notFound('Session not found');
			return ok(fullSession(ctx.state, s));
		},
	},
	{
		method: 'GET',
		path: '/api/v1/sessions/info.admin',
		auth: 'required',
		permissions: ['view-device-management'],
		twoFactor: {},
		validate: (ctx) => sessionIdValidation(ctx.query),
		handler: (ctx) => {
			requireLicence(ctx);
			const s = ctx.state.sessionBySessionId(first(ctx.query, 'sessionId') as string);
			if (!s || s.logoutAt) throw notFound('Session not found');
			return ok(adminItem(ctx.state, s));
		},
	},
	{
		method: 'POST',
		path: '/api/v1/sessions/logout.me',
		auth: 'required',
		validate: (ctx) => sessionIdValidation(ctx.body),
		handler: (ctx) => {
			requireLicence(ctx);
			const sessionId = str(ctx.body.sessionId) as string;
			const s = ctx.state.sessionBySessionId(sessionId);
			if (!s || s.userId !== authed(ctx).user._id || !s.loginToken) throw notFound('Session not found');
			logoutSession(ctx, s);
			return ok({ sessionId });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/sessions/logout',
		auth: 'required',
		permissions: ['logout-device-management'],
		twoFactor: {},
		validate: (ctx) => sessionIdValidation(ctx.body),
		handler: (ctx) => {
			requireLicence(ctx);
			const sessionId = str(ctx.body.sessionId) as string;
			const s = ctx.state.sessionBySessionId(sessionId);
			if (!s || !s.loginToken) throw notFound('Session not found');
			logoutSession(ctx, s, authed(ctx).user._id);
			return ok({ sessionId });
		},
	},
];
