import type { IDataObject } from 'n8n-workflow';
import { simplifyUser } from '../RocketChat/actions/shared/fields';
import type { RequestSpec } from '../RocketChat/transport/spec';

/** What the trigger watches: a list it can read newest-first, and how to tell entries apart. */
export interface EventSource {
	/** The request for one page of the list, newest first. */
	page(offset: number, count: number): RequestSpec;
	itemsKey: string;
	/** The time that orders the list (creation or login), in epoch ms. */
	timeOf(entry: IDataObject): number;
	/** Whether the entry passes the user's filters; state advances over every entry regardless. */
	matches(entry: IDataObject): boolean;
	/** The item the workflow receives. */
	output(entry: IDataObject): IDataObject;
}

export interface EventOptions {
	roles?: string[];
	types?: string[];
	simplify?: boolean;
	ownSessionsOnly?: boolean;
}

function timeOf(value: unknown): number {
	const time = typeof value === 'number' ? value : Date.parse(String(value ?? ''));
	return Number.isFinite(time) ? time : 0;
}

function newUsers(options: EventOptions): EventSource {
	const roles = options.roles ?? [];
	const types = options.types ?? [];
	return {
		page: (offset, count) => ({
			method: 'GET',
			path: '/api/v1/users.list',
			qs: { offset, count, sort: JSON.stringify({ createdAt: -1 }) },
			permission: 'view-d-room',
		}),
		itemsKey: 'users',
		timeOf: (user) => timeOf(user.createdAt),
		matches: (user) => {
			const userRoles = Array.isArray(user.roles) ? (user.roles as string[]) : [];
			const roleOk = roles.length === 0 || roles.some((role) => userRoles.includes(role));
			const typeOk = types.length === 0 || types.includes(String(user.type ?? 'user'));
			return roleOk && typeOk;
		},
		output: (user) => (options.simplify ? simplifyUser(user) : user),
	};
}

function newSessions(options: EventOptions): EventSource {
	const own = options.ownSessionsOnly === true;
	return {
		page: (offset, count) => ({
			method: 'GET',
			// sessions/list.all is gated by 2FA and needs view-device-management; sessions/list is the caller's own.
			path: own ? '/api/v1/sessions/list' : '/api/v1/sessions/list.all',
			qs: { offset, count, sort: JSON.stringify({ loginAt: -1 }) },
			...(own ? {} : { twoFactor: {}, permission: 'view-device-management' }),
		}),
		itemsKey: 'sessions',
		timeOf: (session) => timeOf(session.loginAt),
		matches: () => true,
		output: (session) => session,
	};
}

export function eventSource(event: string, options: EventOptions): EventSource {
	return event === 'newDeviceSession' ? newSessions(options) : newUsers(options);
}
