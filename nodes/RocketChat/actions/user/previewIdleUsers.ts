import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { simplifyField, simplifyUser } from '../shared/fields';
import { idleRule, idleRuleFields } from '../shared/idleUsers';

const DAY_MS = 86_400_000;

export const IDLE_REASON_LAST_LOGIN = 'lastLogin before cutoff';
export const IDLE_REASON_NEVER_LOGGED_IN = 'never logged in, created before cutoff';
/** users.info did not return createdAt (the caller lacks view-full-other-user-info): the user may or may not be old enough. */
export const IDLE_REASON_CREATION_UNKNOWN = 'never logged in, creation date unknown';

const properties: INodeProperties[] = [
	...idleRuleFields,
	simplifyField,
	{
		displayName:
			'Changes nothing: returns one item per user that Deactivate Idle Users with the same values would deactivate, with the reason in idleReason. Users who never logged in are read with one users.info call each (for their creation date).',
		name: 'previewIdleUsersNotice',
		type: 'notice',
		default: '',
	},
];

export const description = forOperation('user', 'previewIdleUsers', properties);

export const toolDescription =
	'Read only: list the active Rocket.Chat users of a role who have not logged in for a number of days, each with the reason it would be deactivated; deactivates nobody.';

/** A date as users.list sends it (ISO text), or as EJSON/epoch from other sources; `undefined` if none. */
function timeOf(value: unknown): number | undefined {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string') {
		const time = Date.parse(value);
		return Number.isNaN(time) ? undefined : time;
	}
	if (value && typeof value === 'object' && '$date' in value) return timeOf((value as IDataObject).$date);
	return undefined;
}

/**
 * The server's filter (`Users.setActiveNotLoggedInAfterWithRole`):
 * `{active: true, roles: role, $or: [{lastLogin: {$lte: cutoff}}, {lastLogin: {$exists: false}, createdAt: {$lte: cutoff}}]}`.
 * Returns why a user would be deactivated, or `undefined` if they would not be. A user who never logged in and
 * whose creation date could not be read is reported with IDLE_REASON_CREATION_UNKNOWN rather than left out:
 * for a preview of a destructive call, naming someone who might be affected beats hiding them.
 */
export function idleReason(user: IDataObject, role: string, cutoff: number): string | undefined {
	if (user.active !== true) return undefined;
	const roles = user.roles;
	if (!(Array.isArray(roles) ? (roles as unknown[]).includes(role) : roles === role)) return undefined;
	// JSON has no "undefined": a missing key is a user who never logged in. (null is treated the same.)
	if (user.lastLogin !== undefined && user.lastLogin !== null) {
		const lastLogin = timeOf(user.lastLogin);
		return lastLogin !== undefined && lastLogin <= cutoff ? IDLE_REASON_LAST_LOGIN : undefined;
	}
	if (user.createdAt === undefined || user.createdAt === null) return IDLE_REASON_CREATION_UNKNOWN;
	const createdAt = timeOf(user.createdAt);
	return createdAt !== undefined && createdAt <= cutoff ? IDLE_REASON_NEVER_LOGGED_IN : undefined;
}

/** Rocket.Chat has no dry run of users.deactivateIdle: the preview lists every user and applies its rule. */
export const build: Operation['build'] = (p) => {
	const { daysIdle, role } = idleRule(p);
	// The server computes `new Date()` minus daysIdle calendar days in its own time zone; this is the same
	// instant for a server running in UTC (the Docker default). `p.now` keeps the builder deterministic.
	const cutoff = p.now - daysIdle * DAY_MS;
	const simplify = p.boolean('simplify');
	return {
		method: 'GET',
		path: '/api/v1/users.list',
		permission: 'view-d-room',
		paginate: { itemsKey: 'users', returnAll: true, limit: 0 },
		output: {
			key: 'users',
			each: true,
			// users.list leaves out createdAt; for the users who never logged in, users.info has it.
			complete: {
				needs: (user) =>
					user.active === true &&
					Array.isArray(user.roles) &&
					(user.roles as unknown[]).includes(role) &&
					(user.lastLogin === undefined || user.lastLogin === null),
				request: (user) => ({ method: 'GET', path: '/api/v1/users.info', qs: { userId: String(user._id) }, permission: 'view-d-room' }),
				merge: (user, response) => {
					const createdAt = (response.user as IDataObject | undefined)?.createdAt;
					return createdAt === undefined ? user : { ...user, createdAt };
				},
			},
			filter: (user) => {
				// Older servers leave out roles (and dates) for callers without view-full-other-user-info: the rule
				// could not be evaluated, and an empty preview would be a wrong answer.
				if (user.roles === undefined) {
					throw new Error(
						'Preview Idle Users needs the roles of the users, which users.list did not return. The credential\'s user may lack the view-full-other-user-info permission.',
					);
				}
				return idleReason(user, role, cutoff) !== undefined;
			},
			map: (user) => ({
				...(simplify ? simplifyUser(user) : user),
				idleReason: idleReason(user, role, cutoff),
			}),
		},
	};
};
