/** Device Management: the six sessions/* routes (apps/meteor/ee/server/api/sessions.ts). */
import { failure, notFound } from '../errors';
import { has } from '../versions';
import { escapeRegExp, first, getPaginationItems, ListingCache, paginate, parseSort, sortBy, type SortSpec } from '../query';
import type { SimState } from '../state';
import type { SimSession } from '../types';
import { authed, ok, str, v, type RouteContext, type RouteDef } from './common';

const SORT_KEYS = ['loginAt', 'device.name', 'device.os.name', 'device.os.version', '_user.name', '_user.username'];

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

const PAGINATE_PARAMS = ['offset', 'count', 'filter', 'sort'];

/** isSessionsPaginateProps: offset/count numbers (coerced), filter/sort strings, nothing else. */
function paginateValidation(ctx: RouteContext): string[] {
	const errors: string[] = [...v.noExtra(ctx.query, PAGINATE_PARAMS)];
	for (const k of ['count', 'offset']) {
		const val = first(ctx.query, k);
		if (val !== undefined && val !== '' && Number.isNaN(Number(val))) errors.push('must be number');
	}
	return errors;
}

/** isSessionsProps: sessionId (string), required, nothing else. */
function sessionIdValidation(params: Record<string, unknown>): string[] {
	return [...v.required(params, 'sessionId'), ...v.type(params, 'sessionId', 'string'), ...v.noExtra(params, ['sessionId'])];
}

function searchRegex(pattern: string): RegExp | undefined {
	if (!pattern) return undefined;
	try {
		return new RegExp(pattern, 'i');
	} catch (e) {
		throw failure(`Regular expression is invalid: ${(e as Error).message}`);
	}
}

const caches = new WeakMap<SimState, ListingCache<SimSession>>();

/**
 * Sessions.aggregateSessionsByUserId / aggregateSessionsAndPopulate: sessions holding a login
 * token and not logged out, matched by a case-insensitive regex on searchTerm, one per login
 * token, newest login first; skip and limit run on that order and a custom sort is applied
 * inside the page afterwards. `count` echoes the page size; count=0 fails as `$limit: 0` does.
 */
function aggregateSessions(ctx: RouteContext, options: { userId?: string; search: string; sort?: SortSpec; offset: number; count: number }) {
	const { state } = ctx;
	const { offset, count, userId, search } = options;
	if (count === 0) throw failure('the limit must be positive');
	const re = searchRegex(search);
	let cache = caches.get(state);
	if (!cache) caches.set(state, (cache = new ListingCache<SimSession>()));
	const all = cache.get(`${userId ?? '*'}|${search}`, state.version, offset, () => {
		const matched = state.sessions.filter((s) => !s.logoutAt && s.loginToken !== '' && (userId === undefined || s.userId === userId) && (!re || re.test(state.searchTermOf(s))));
		const seen = new Set<string>();
		return sortBy(matched, [['loginAt', -1]], sessionGetter(state)).filter((s) => !seen.has(s.loginToken) && seen.add(s.loginToken) !== undefined);
	});
	const page = paginate(all, offset, count);
	return { page: options.sort ? sortBy(page, options.sort, sessionGetter(state)) : page, total: all.length, offset, count };
}

function listParams(ctx: RouteContext): { sort: SortSpec; filter: string; offset: number; count: number } {
	const { offset, count } = getPaginationItems(ctx.query);
	const sort: SortSpec = parseSort(first(ctx.query, 'sort')) ?? [['loginAt', -1]];
	if (!sort.every(([k]) => SORT_KEYS.includes(k))) throw failure('error-invalid-sort-keys');
	return { sort, filter: escapeRegExp(first(ctx.query, 'filter') ?? '') /* the filter is matched literally */, offset, count };
}

/** list.all widens the filter by the ids of up to five active users whose username or name matches it. */
function adminSearch(state: SimState, filter: string): string {
	if (!filter) return '';
	const re = new RegExp(filter, 'i');
	const ids = state.users.filter((u) => u.active && (re.test(u.username) || re.test(u.name ?? ''))).slice(0, 5).map((u) => u._id);
	return [filter, ...ids].join('|');
}

/** From 8.7 (#40351) aggregateSessionsByUserId gets the caller's login token and flags its own session `current`. */
function ownItem(s: SimSession, currentHash: string | undefined): Record<string, unknown> {
	const item: Record<string, unknown> = { _id: s.sessionId, sessionId: s.sessionId, userId: s.userId, device: s.device, host: s.host, ip: s.ip, loginAt: s.loginAt };
	if (currentHash !== undefined) item.current = s.loginToken === currentHash;
	return item;
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

/** Users.unsetOneLoginToken + Sessions.logoutByloginTokenAndUserId (logoutBy: the caller, also for one's own). */
function logoutSession(ctx: RouteContext, s: SimSession): void {
	const { state } = ctx;
	const by = authed(ctx).user._id;
	const user = state.userById(s.userId);
	if (user) state.removeLoginTokens(user, (t) => t.hashedToken === s.loginToken, by);
	const now = state.now();
	for (const other of state.sessions) {
		if (other.userId === s.userId && other.loginToken === s.loginToken) {
			other.logoutAt = now;
			other.logoutBy = by;
		}
	}
	state.touch();
}

export const sessionRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/v1/sessions/list',
		auth: 'required',
		// The route's `license` option: server.ts answers the licence middleware's 400 where it runs in that release.
		licence: 'device-management',
		validate: paginateValidation,
		handler: (ctx) => {
			const { sort, filter, offset: skip, count: limit } = listParams(ctx);
			const { page, total, offset, count } = aggregateSessions(ctx, { userId: authed(ctx).user._id, search: filter, sort, offset: skip, count: limit });
			const current = has(ctx.version, 'sessionsCurrentFlag') ? authed(ctx).token.hashedToken : undefined;
			return ok({ sessions: page.map((s) => ownItem(s, current)), total, count, offset });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/sessions/list.all',
		auth: 'required',
		licence: 'device-management',
		permissions: ['view-device-management'],
		twoFactor: {},
		validate: paginateValidation,
		handler: (ctx) => {
			const { sort, filter, offset: skip, count: limit } = listParams(ctx);
			const { page, total, offset, count } = aggregateSessions(ctx, { search: adminSearch(ctx.state, filter), sort, offset: skip, count: limit });
			return ok({ sessions: page.map((s) => adminItem(ctx.state, s)), total, count, offset });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/sessions/info',
		auth: 'required',
		licence: 'device-management',
		validate: (ctx) => sessionIdValidation(ctx.query),
		handler: (ctx) => {
			const s = ctx.state.sessionBySessionId(first(ctx.query, 'sessionId') as string);
			if (!s || s.userId !== authed(ctx).user._id || !s.loginToken) throw notFound('Session not found');
			return ok(fullSession(ctx.state, s));
		},
	},
	{
		method: 'GET',
		path: '/api/v1/sessions/info.admin',
		auth: 'required',
		licence: 'device-management',
		permissions: ['view-device-management'],
		twoFactor: {},
		validate: (ctx) => sessionIdValidation(ctx.query),
		handler: (ctx) => {
			// Found by a search on the (unescaped) session id over searchTerm, newest login first.
			const { page } = aggregateSessions(ctx, { search: first(ctx.query, 'sessionId') as string, offset: 0, count: 1 });
			if (page.length === 0) throw notFound('Session not found');
			return ok(adminItem(ctx.state, page[0]));
		},
	},
	{
		method: 'POST',
		path: '/api/v1/sessions/logout.me',
		auth: 'required',
		licence: 'device-management',
		validate: (ctx) => sessionIdValidation(ctx.body),
		handler: (ctx) => {
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
		licence: 'device-management',
		permissions: ['logout-device-management'],
		twoFactor: {},
		validate: (ctx) => sessionIdValidation(ctx.body),
		handler: (ctx) => {
			const sessionId = str(ctx.body.sessionId) as string;
			const s = ctx.state.sessionBySessionId(sessionId);
			if (!s || !s.loginToken) throw notFound('Session not found');
			logoutSession(ctx, s);
			return ok({ sessionId });
		},
	},
];
