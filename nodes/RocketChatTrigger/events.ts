import type { IDataObject } from 'n8n-workflow';
import { simplifyUser } from '../RocketChat/actions/shared/fields';
import type { RequestSpec } from '../RocketChat/transport/spec';
import { knownIdsTracker, watermarkTracker, type Tracker } from './pollState';

export interface EventOptions {
	roles?: string[];
	types?: string[];
	simplify?: boolean;
	fullProfile?: boolean;
	ownSessionsOnly?: boolean;
}

/** What the trigger watches: a list it can read newest first, and how to tell its entries apart. */
export interface EventSource {
	/** Names the list the state belongs to; a stored state of another list is not reused. */
	scope: string;
	/** The request for one page of the list, newest first. */
	page(offset: number, count: number): RequestSpec;
	itemsKey: string;
	idOf(entry: IDataObject): string;
	/** The list's sort key where entries can share one (see readNewestFirst). */
	sortKeyOf?(entry: IDataObject): unknown;
	tracker: Tracker<object>;
	/** Whether the entry passes the user's filters; the state advances over every entry regardless. */
	matches(entry: IDataObject): boolean;
	/** A follow-up request per emitted entry, whose answer is merged into it (Full Profile). */
	details?: {
		request(entry: IDataObject): RequestSpec;
		merge(entry: IDataObject, response: IDataObject): IDataObject;
	};
	/** The item the workflow receives. */
	output(entry: IDataObject): IDataObject;
}

function epochMs(value: unknown): number {
	const time = typeof value === 'number' ? value : Date.parse(String(value ?? ''));
	return Number.isFinite(time) ? time : 0;
}

function newUsers(options: EventOptions): EventSource {
	const roles = options.roles ?? [];
	const types = options.types ?? [];
	const idOf = (user: IDataObject) => String(user._id ?? '');
	return {
		scope: 'newUser',
		page: (offset, count) => ({
			method: 'GET',
			path: '/api/v1/users.list',
			// The server sorts by createdAt although it does not return it (see pollState.ts).
			qs: { offset, count, sort: JSON.stringify({ createdAt: -1 }) },
			permission: 'view-d-room',
		}),
		itemsKey: 'users',
		idOf,
		tracker: knownIdsTracker(idOf),
		matches: (user) => {
			const userRoles = Array.isArray(user.roles) ? (user.roles as string[]) : [];
			const roleOk = roles.length === 0 || roles.some((role) => userRoles.includes(role));
			const typeOk = types.length === 0 || types.includes(String(user.type ?? 'user'));
			return roleOk && typeOk;
		},
		details: options.fullProfile
			? {
					request: (user) => ({
						method: 'GET',
						path: '/api/v1/users.info',
						qs: { userId: idOf(user) },
					}),
					merge: (user, response) => {
						const info = response.user;
						return info && typeof info === 'object' ? { ...user, ...(info as IDataObject) } : user;
					},
				}
			: undefined,
		output: (user) => (options.simplify ? simplifyUser(user) : user),
	};
}

function newSessions(options: EventOptions): EventSource {
	const own = options.ownSessionsOnly === true;
	// The session, not the per-day document Rocket.Chat stores it in.
	const idOf = (session: IDataObject) => String(session.sessionId ?? session._id ?? '');
	return {
		scope: own ? 'newOwnDeviceSession' : 'newDeviceSession',
		page: (offset, count) => ({
			method: 'GET',
			// sessions/list.all is gated by 2FA and needs view-device-management; sessions/list is the caller's own.
			path: own ? '/api/v1/sessions/list' : '/api/v1/sessions/list.all',
			qs: { offset, count, sort: JSON.stringify({ loginAt: -1 }) },
			...(own ? {} : { twoFactor: {}, permission: 'view-device-management' }),
		}),
		itemsKey: 'sessions',
		idOf,
		// Sessions can share a login millisecond, and a page boundary can fall among them.
		sortKeyOf: (session) => epochMs(session.loginAt),
		tracker: watermarkTracker((session) => epochMs(session.loginAt), idOf),
		matches: () => true,
		output: (session) => session,
	};
}

export function eventSource(event: string, options: EventOptions): EventSource {
	return event === 'newDeviceSession' ? newSessions(options) : newUsers(options);
}
