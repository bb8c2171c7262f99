/** users.* routes for listing and administering accounts (apps/meteor/app/api/server/v1/users.ts). */
import { assertIdentitySavable, assertPasswordPolicy, assertUsernameNotBlocked, newUserRoles, validateCustomFields } from '../accountPolicy';
import { MeteorError, failure, forbidden } from '../errors';
import { has } from '../versions';
import { escapeRegExp, first, getPaginationItems, ListingCache, paginate, parseBool, parseSort, sortBy, type SortSpec } from '../query';
import { readSetting, settingOn } from '../settings';
import type { SimState } from '../state';
import type { InactiveReason, SimUser, UserStatus } from '../types';
import {
	authed,
	can,
	getUserFromParams,
	isUserFromParams,
	ok,
	primaryEmail,
	str,
	userDocument,
	userServices,
	v,
	type RouteContext,
	type RouteDef,
} from './common';

const USERNAME_RE = /^[0-9a-zA-Z-_.]+$/;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const INSERT_OR_UPDATE = 'insertOrUpdateUser';
/** isUsersUpdateParamsPOST: the keys `data` may carry (additionalProperties: false). */
const UPDATE_DATA_KEYS = ['email', 'name', 'password', 'username', 'bio', 'nickname', 'statusText', 'active', 'roles', 'requirePasswordChange', 'setRandomPassword', 'sendWelcomeEmail', 'verified', 'customFields', 'status'];

/** validateNameChars: no markup or path characters in display names. */
export function validName(name: string): boolean {
	return !/[<>\\/]/.test(name);
}

/** A status set with expiresAt falls back once the expiry passed. */
export function applyStatusExpiry(state: SimState, u: SimUser): void {
	if (u.statusExpiresAt && u.statusExpiresAt.getTime() <= state.nowMs()) {
		u.status = u.statusConnection === 'offline' ? 'offline' : 'online';
		u.statusDefault = undefined;
		u.statusExpiresAt = undefined;
		u.statusSource = undefined;
		u._updatedAt = state.now();
		state.touch();
	}
}

function userGetter(u: SimUser, key: string): unknown {
	switch (key) {
		case 'nameInsensitive':
			return u.name?.toLowerCase();
		case 'emails.address':
		case 'email':
			return primaryEmail(u);
		case 'status':
		case 'active':
			return key === 'status' ? u.status : u.active;
		default:
			return (u as unknown as Record<string, unknown>)[key];
	}
}

function listItem(u: SimUser, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		_id: u._id,
		username: u.username,
		emails: u.emails.map((e) => ({ ...e })),
		type: u.type,
		status: u.status,
		active: u.active,
		roles: [...u.roles],
		name: u.name,
		lastLogin: u.lastLogin,
		avatarETag: u.avatar?.etag,
		...extra,
	};
}

const listCache = new WeakMap<SimState, ListingCache<SimUser>>();
function cacheOf(state: SimState): ListingCache<SimUser> {
	let c = listCache.get(state);
	if (!c) listCache.set(state, (c = new ListingCache<SimUser>()));
	return c;
}

function arrayParam(ctx: RouteContext, key: string): string[] | undefined {
	const raw = ctx.query[`${key}[]`] ?? ctx.query[key];
	if (raw === undefined) return undefined;
	return Array.isArray(raw) ? raw : [raw];
}

/** insertUserDoc: new users get e-mail 2FA while 2FA, e-mail 2FA and Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In are on. */
function autoOptInEmail2fa(state: SimState, now: Date): SimUser['email2fa'] {
	const on = state.settings.twoFactorEnabled && settingOn(state, 'Accounts_TwoFactorAuthentication_By_Email_Enabled') && settingOn(state, 'Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In');
	return on ? { enabled: true, changedAt: now } : undefined;
}

/** Guards shared by deleteUser and setUserActiveStatus(false). */
function assertNotLastAdmin(state: SimState, user: SimUser, method: string, reason: string): void {
	if (!user.roles.includes('admin')) return;
	const activeAdmins = state.users.filter((u) => u.active && u.roles.includes('admin')).length;
	if (activeAdmins <= 1 && user.active) throw new MeteorError('error-action-not-allowed', reason, { method, action: 'Remove_last_admin' });
}

function assertRelinquished(state: SimState, user: SimUser, confirmRelinquish: boolean): void {
	const rooms = state.singleOwnedRooms(user._id);
	if (rooms.shouldChangeOwner.length + rooms.shouldBeRemoved.length === 0) return;
	if (!confirmRelinquish) throw new MeteorError('user-last-owner', '', rooms);
	state.relinquishRooms(user._id);
}

/** executeSetUserActiveStatus */
export function setUserActiveStatus(ctx: RouteContext, userId: string, active: boolean, confirmRelinquish: boolean): void {
	const { state } = ctx;
	if (!can(ctx, 'edit-other-user-active-status') && !can(ctx, 'manage-moderation-actions')) {
		throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'setUserActiveStatus' });
	}
	const user = state.userById(userId);
	if (!user) throw new MeteorError('error-invalid-user', 'Invalid user', { method: 'setUserActiveStatus' });
	if (user.active === active) return;
	if (!active) {
		assertNotLastAdmin(state, user, 'setUserActiveStatus', 'Leaving the app without an active admin is not allowed');
		assertRelinquished(state, user, confirmRelinquish);
	}
	user.active = active;
	user.inactiveReason = active ? undefined : 'deactivated';
	user._updatedAt = state.now();
	// A deactivated user is logged out everywhere (unsetLoginTokens also drops PATs).
	if (!active) state.removeLoginTokens(user, () => true, ctx.user?._id);
	state.touch();
}

/** deleteUser(userId, confirmRelinquish) */
export function deleteUser(ctx: RouteContext, user: SimUser, confirmRelinquish: boolean): void {
	assertNotLastAdmin(ctx.state, user, 'deleteUser', 'Leaving the app without admins is not allowed');
	assertRelinquished(ctx.state, user, confirmRelinquish);
	ctx.state.removeUser(user);
	ctx.state.audited('user.delete', ctx.user?._id, user._id);
}

export function assertUsernameUsable(state: SimState, username: string, exceptId?: string): void {
	if (!USERNAME_RE.test(username)) {
		throw new MeteorError('error-input-is-not-a-valid-field', `${username} is not a valid username`, { method: INSERT_OR_UPDATE, input: username, field: 'Username' });
	}
	const other = state.userByUsername(username);
	if (other && other._id !== exceptId) throw new MeteorError('error-field-unavailable', `${username} is already in use :(`, { method: INSERT_OR_UPDATE, field: username });
}

export function assertEmailUsable(state: SimState, email: string, exceptId?: string): void {
	if (!EMAIL_RE.test(email)) throw new MeteorError('error-invalid-email', `Invalid email ${email}`, { method: INSERT_OR_UPDATE, email });
	const other = state.userByEmail(email);
	if (other && other._id !== exceptId) throw new MeteorError('error-field-unavailable', `${email} is already in use :(`, { method: INSERT_OR_UPDATE, field: email });
}

function canViewAll(ctx: RouteContext, target: SimUser): boolean {
	return target._id === ctx.user?._id || can(ctx, 'view-full-other-user-info');
}

/** getFullUserDataByIdOrUsernameOrImportId: fewer fields for other users without view-full-other-user-info. */
function fullUserData(ctx: RouteContext, u: SimUser): Record<string, unknown> {
	const all = canViewAll(ctx, u);
	const base: Record<string, unknown> = {
		_id: u._id,
		name: u.name,
		username: u.username,
		nickname: u.nickname,
		status: u.status,
		statusText: u.statusText,
		utcOffset: u.utcOffset,
		type: u.type,
		active: u.active,
		bio: u.bio,
		avatarETag: u.avatar?.etag,
		roles: [...u.roles],
		canViewAllInfo: all,
	};
	if (!all) return base;
	// getFullUserData projects `services` in for oneself; 8.x turns the bcrypt hash into `password: true`.
	const myself = u._id === ctx.user?._id;
	const services = myself ? userServices(u) : undefined;
	if (services?.password && has(ctx.version, 'passwordServiceAsBoolean')) services.password = true;
	return {
		...base,
		...(services ? { services } : {}),
		emails: u.emails.map((e) => ({ ...e })),
		statusConnection: u.statusConnection,
		createdAt: u.createdAt,
		_updatedAt: u._updatedAt,
		lastLogin: u.lastLogin,
		requirePasswordChange: u.requirePasswordChange,
		inactiveReason: u.inactiveReason,
		language: u.language,
		customFields: u.customFields,
		freeSwitchExtension: u.freeSwitchExtension,
	};
}

function userRooms(ctx: RouteContext, u: SimUser): Array<Record<string, unknown>> {
	return ctx.state.rooms
		.filter((r) => r.members.includes(u._id))
		.sort((a, b) => (a.t === b.t ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.t < b.t ? -1 : 1))
		.map((r) => ({ _id: `${r._id}${u._id}`, rid: r._id, name: r.name, t: r.t, unread: 0, roles: r.owners.includes(u._id) ? ['owner'] : undefined }));
}

function presenceItem(u: SimUser): Record<string, unknown> {
	return { _id: u._id, username: u.username, name: u.name, status: u.status, utcOffset: u.utcOffset, statusText: u.statusText, avatarETag: u.avatar?.etag };
}

/** generateUsernameSuggestion: from the display name, then e-mail, with numeric suffixes. */
function usernameSuggestion(state: SimState, u: SimUser): string {
	const fromName = u.name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim()
		.replace(/\s+/g, '.')
		.replace(/[^a-z0-9.\-_]/g, '');
	const fromEmail = primaryEmail(u)?.split('@')[0].replace(/[^a-zA-Z0-9.\-_]/g, '') ?? '';
	const candidates = [fromName, fromEmail].filter((c) => c.length > 0);
	for (const c of candidates) if (!state.userByUsername(c)) return c;
	const base = candidates[0] ?? 'user';
	for (let i = 1; ; i++) if (!state.userByUsername(`${base}${i}`)) return `${base}${i}`;
}

function lenientInt(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return parseInt(value, 10); // ajv coerceTypes
	return undefined;
}

/** users.info's lookup keys by server version: `email` from 8.4, `freeSwitchExtension` from 8.5 (OpenAPI changelog). */
function usersInfoKeys(version: string): string[] {
	return [
		'userId',
		'username',
		'importId',
		...(has(version, 'emailLookup') ? ['email'] : []),
		...(has(version, 'freeSwitchExtensionLookup') ? ['freeSwitchExtension'] : []),
	];
}

/**
 * validateUserEditing: the Accounts_Allow*Change settings lock a field that actually changes, for oneself
 * always and for others unless the caller may edit them (edit-other-user-info, edit-other-user-password).
 */
export function assertProfileEditAllowed(ctx: RouteContext, target: SimUser, data: Record<string, unknown>, editingMyself: boolean): void {
	const { state } = ctx;
	const canEditOther = can(ctx, 'edit-other-user-info');
	const canEditOtherPassword = can(ctx, 'edit-other-user-password');
	const refuse = (reason: string) => new MeteorError('error-action-not-allowed', reason, { method: INSERT_OR_UPDATE, action: 'Update_user' });
	if (!settingOn(state, 'Accounts_AllowUserProfileChange') && !canEditOther && !canEditOtherPassword) throw refuse('Edit user profile is not allowed');
	const changes = (previous: unknown, next: unknown) => next !== undefined && next !== previous;
	const locked = (setting: string) => !settingOn(state, setting) && (!canEditOther || editingMyself);
	if (changes(target.username, data.username) && locked('Accounts_AllowUsernameChange')) throw refuse('Edit username is not allowed');
	if (changes(target.statusText, data.statusText) && locked('Accounts_AllowUserStatusMessageChange')) throw refuse('Edit user status is not allowed');
	if (changes(target.name, data.name) && locked('Accounts_AllowRealNameChange')) throw refuse('Edit user real name is not allowed');
	if (target.emails[0] && changes(target.emails[0].address, data.email) && locked('Accounts_AllowEmailChange')) throw refuse('Edit user email is not allowed');
	const password = data.password ?? data.newPassword;
	if (password && !settingOn(state, 'Accounts_AllowPasswordChange') && (!canEditOtherPassword || editingMyself)) throw refuse('Edit user password is not allowed');
}

const MAX_NICKNAME_LENGTH = 120;
const MAX_STATUS_TEXT_LENGTH = 120;

/** setStatusText, which users.setStatus, users.update and saveUserProfile go through: trimmed, at most 120 characters. */
export function savedStatusText(text: string): string {
	return text.trim().slice(0, MAX_STATUS_TEXT_LENGTH);
}
const MAX_BIO_LENGTH = 260;

/** saveUser's validateUserData and saveUserProfile: nickname and bio size limits. */
export function assertProfileSizes(data: Record<string, unknown>, method: string): void {
	if (typeof data.nickname === 'string' && data.nickname.length > MAX_NICKNAME_LENGTH)
		throw new MeteorError('error-nickname-size-exceeded', `Nickname size exceeds ${MAX_NICKNAME_LENGTH} characters`, { method });
	if (typeof data.bio === 'string' && data.bio.length > MAX_BIO_LENGTH) throw new MeteorError('error-bio-size-exceeded', `Bio size exceeds ${MAX_BIO_LENGTH} characters`, { method });
}

/** isValidQuery's operator check for users.autocomplete: only the allowed operators, at any depth. */
function onlyOperators(query: unknown, allowed: readonly string[]): boolean {
	if (Array.isArray(query)) return query.every((q) => onlyOperators(q, allowed));
	if (!query || typeof query !== 'object') return true;
	return Object.entries(query as Record<string, unknown>).every(([k, val]) => (!k.startsWith('$') || allowed.includes(k)) && onlyOperators(val, allowed));
}

/** A Mongo-style filter on a user: plain values (array fields match an element), $and / $or, and per field $ne / $exists. */
function matchesUserConditions(u: SimUser, conditions: Record<string, unknown>): boolean {
	return Object.entries(conditions).every(([k, expected]) => {
		if (k === '$and') return Array.isArray(expected) && expected.every((c) => matchesUserConditions(u, c as Record<string, unknown>));
		if (k === '$or') return Array.isArray(expected) && expected.some((c) => matchesUserConditions(u, c as Record<string, unknown>));
		const actual = userGetter(u, k);
		const equals = (value: unknown) => (Array.isArray(actual) ? actual.includes(value) : actual === value);
		if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
			const ops = expected as Record<string, unknown>;
			return Object.entries(ops).every(([op, value]) => (op === '$ne' ? !equals(value) : op === '$exists' ? (actual !== undefined && actual !== null) === Boolean(value) : equals(ops)));
		}
		return equals(expected);
	});
}

/**
 * Accounts.insertUserDoc → addUserToDefaultChannels (getDefaultChannels): every room marked default and, for a
 * default team's main room, the team's auto-join rooms; unless the creation asked for joinDefaultChannels false.
 */
function joinDefaultChannels(state: SimState, user: SimUser): void {
	const rooms = state.rooms.filter((r) => r.default === true);
	const picked = new Set(rooms.map((r) => r._id));
	for (const main of rooms.filter((r) => r.teamMain && r.teamId)) {
		for (const r of state.rooms) {
			if (r.teamId === main.teamId && r.teamDefault === true && !picked.has(r._id)) {
				picked.add(r._id);
				rooms.push(r);
			}
		}
	}
	for (const room of rooms) state.joinRoom(room, user._id);
}

/** Users who share at least one room with userId, without userId itself. */
function roomMatesOf(state: SimState, userId: string): Set<string> {
	const mates = new Set<string>();
	for (const room of state.rooms) if (room.members.includes(userId)) for (const m of room.members) if (m !== userId) mates.add(m);
	return mates;
}

export const userRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/v1/users.info',
		auth: 'required',
		validate: (ctx) => {
			const keys = usersInfoKeys(ctx.version);
			return keys.some((k) => ctx.query[k] !== undefined) ? [] : [...keys.map((k) => `must have required property '${k}'`), 'must match a schema in anyOf'];
		},
		handler: (ctx) => {
			const { state, query } = ctx;
			let user: SimUser | undefined;
			const userId = first(query, 'userId');
			const username = first(query, 'username');
			const importId = first(query, 'importId');
			const keys = usersInfoKeys(ctx.version);
			const email = keys.includes('email') ? first(query, 'email') : undefined;
			const ext = keys.includes('freeSwitchExtension') ? first(query, 'freeSwitchExtension') : undefined;
			if (userId) user = state.userById(userId);
			else if (username) user = state.userByUsername(username);
			else if (importId) user = state.users.find((u) => u.importId === importId);
			else if (email) user = state.userByEmail(email);
			else if (ext) user = state.users.find((u) => u.freeSwitchExtension === ext);
			else throw failure('Invalid search query.');
			if (!user) throw failure('User not found.');
			applyStatusExpiry(state, user);
			const data = fullUserData(ctx, user);
			const myself = user._id === ctx.user?._id;
			if (first(query, 'includeUserRooms') === 'true' && (myself || can(ctx, 'view-other-user-channels'))) {
				return ok({ user: { ...data, rooms: userRooms(ctx, user) } });
			}
			return ok({ user: data });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.list',
		auth: 'required',
		permissions: ['view-d-room'],
		handler: (ctx) => {
			// users.list: the temporary setting applies view-outside-room to the listing.
			if (settingOn(ctx.state, 'API_Apply_permission_view-outside-room_on_users-list') && !can(ctx, 'view-outside-room')) throw forbidden(ctx.version);
			const { offset, count } = getPaginationItems(ctx.query);
			const sortRaw = first(ctx.query, 'sort');
			const sort: SortSpec = parseSort(sortRaw) ?? [['username', 1]];
			// Like the server: {status} also sorts by active, {name} also by the lower-cased name.
			const statusDir = sort.find(([k]) => k === 'status')?.[1];
			if (statusDir) sort.push(['active', statusDir]);
			const nameDir = sort.find(([k]) => k === 'name')?.[1];
			if (nameDir) sort.push(['nameInsensitive', nameDir]);
			// The `email` filter exists from 8.4; older servers ignore the unknown parameter and list everyone.
			const email = has(ctx.version, 'emailLookup') ? first(ctx.query, 'email')?.toLowerCase() : undefined;
			if (email === '') throw new MeteorError('invalid-params', 'must NOT have fewer than 1 characters');
			if (email && has(ctx.version, 'listEmailNeedsFullInfo') && !can(ctx, 'view-full-other-user-info')) throw forbidden(ctx.version);
			const key = `list|${email ?? ''}|${JSON.stringify(sort)}`;
			const all = cacheOf(ctx.state).get(key, ctx.state.version, offset, () => {
				const filtered = email ? ctx.state.users.filter((u) => u.emails.some((e) => e.address.toLowerCase() === email)) : ctx.state.users;
				return sortBy(filtered, sort, userGetter);
			});
			const page = paginate(all, offset, count).map((u) => listItem(u, { nameInsensitive: u.name.toLowerCase() }));
			return ok({ users: page, count: page.length, offset, total: all.length });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.listByStatus',
		auth: 'required',
		permissions: ['view-d-room'],
		validate: (ctx) => {
			const errors: string[] = [];
			const status = first(ctx.query, 'status');
			if (status !== undefined && status !== 'active' && status !== 'deactivated') errors.push('must be equal to one of the allowed values');
			const hasLoggedIn = first(ctx.query, 'hasLoggedIn');
			if (hasLoggedIn !== undefined && parseBool(hasLoggedIn) === undefined) errors.push('must be boolean');
			for (const k of ['count', 'offset']) {
				const val = first(ctx.query, k);
				if (val !== undefined && val !== '' && Number.isNaN(Number(val))) errors.push('must be number');
			}
			const reasons = arrayParam(ctx, 'inactiveReason');
			if (reasons?.some((r) => !['deactivated', 'pending_approval', 'idle_too_long'].includes(r))) errors.push('must be equal to one of the allowed values');
			return errors;
		},
		handler: (ctx) => {
			const { state } = ctx;
			const { offset, count } = getPaginationItems(ctx.query);
			const sort: SortSpec = parseSort(first(ctx.query, 'sort')) ?? [['username', 1]];
			const statusDir = sort.find(([k]) => k === 'status')?.[1];
			if (statusDir) sort.push(['active', statusDir]);
			const status = first(ctx.query, 'status');
			const hasLoggedIn = parseBool(first(ctx.query, 'hasLoggedIn'));
			const type = first(ctx.query, 'type');
			const roles = arrayParam(ctx, 'roles');
			const reasons = arrayParam(ctx, 'inactiveReason') as InactiveReason[] | undefined;
			const term = first(ctx.query, 'searchTerm')?.trim();
			const termRe = term ? new RegExp(escapeRegExp(term), 'i') : undefined;
			const seeEmails = can(ctx, 'view-full-other-user-info');
			const key = `byStatus|${status}|${hasLoggedIn}|${type}|${roles}|${reasons}|${term}|${seeEmails}|${JSON.stringify(sort)}`;
			const all = cacheOf(state).get(key, state.version, offset, () => {
				const filtered = state.users.filter((u) => {
					if (status === 'active' && !u.active) return false;
					if (status === 'deactivated' && u.active) return false;
					if (hasLoggedIn !== undefined && (u.lastLogin !== undefined) !== hasLoggedIn) return false;
					if (type && u.type !== type) return false;
					if (roles?.length && !roles.includes('all') && !u.roles.some((r) => roles.includes(r))) return false;
					if (reasons?.length && !(u.inactiveReason && reasons.includes(u.inactiveReason))) return false;
					if (termRe && !(termRe.test(u.username) || termRe.test(u.name) || (seeEmails && u.emails.some((e) => termRe.test(e.address))))) return false;
					return true;
				});
				return sortBy(filtered, sort, userGetter);
			});
			const page = paginate(all, offset, count).map((u) => listItem(u, { inactiveReason: u.inactiveReason, reason: u.reason }));
			return ok({ users: page, count: page.length, offset, total: all.length });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.create',
		auth: 'required',
		twoFactorFrom: 'createTwoFactorGated',
		validate: (ctx) => [
			...v.required(ctx.body, 'email', 'name', 'password', 'username'),
			...['email', 'name', 'password', 'username', 'nickname', 'bio', 'statusText'].flatMap((k) => v.type(ctx.body, k, 'string')),
			...['active', 'joinDefaultChannels', 'requirePasswordChange', 'setRandomPassword', 'sendWelcomeEmail', 'verified'].flatMap((k) => v.type(ctx.body, k, 'boolean')),
			...v.type(ctx.body, 'roles', 'array'),
			...v.type(ctx.body, 'customFields', 'object'),
		],
		handler: (ctx) => {
			const { state, body } = ctx;
			const b = body as Record<string, never>;
			const name = String(b.name);
			// The route validates custom fields before saveUser.
			if (b.customFields) validateCustomFields(state, b.customFields);
			if (name && !validName(name)) throw failure('Name contains invalid characters');
			if (!can(ctx, 'create-user')) throw new MeteorError('error-action-not-allowed', 'Adding user is not allowed', { method: INSERT_OR_UPDATE, action: 'Adding_user' });
			assertProfileSizes(ctx.body, INSERT_OR_UPDATE);
			const username = String(b.username);
			const email = String(b.email);
			// validateUserData: the name's form, then checkUsernameAvailability (blocked names throw).
			if (USERNAME_RE.test(username)) assertUsernameNotBlocked(state, username);
			assertUsernameUsable(state, username);
			assertEmailUsable(state, email);
			// saveNewUser: no (or empty) roles → getNewUserRoles.
			const given = b.roles as string[] | undefined;
			const roles = given && given.length > 0 ? given : newUserRoles(state);
			if (b.roles && !can(ctx, 'assign-roles')) throw new MeteorError('error-action-not-allowed', 'Assigning roles is not allowed', { method: INSERT_OR_UPDATE, action: 'Assign_role' });
			const now = state.now();
			const user: SimUser = {
				_id: state.rng.id(),
				username,
				name,
				emails: [{ address: email, verified: b.verified === true }],
				type: 'user',
				roles: [...roles],
				active: true,
				status: 'offline',
				statusConnection: 'offline',
				createdAt: now,
				_updatedAt: now,
				utcOffset: 0,
				nickname: b.nickname,
				bio: b.bio,
				statusText: b.statusText,
				customFields: b.customFields,
				password: b.setRandomPassword === true ? state.rng.secret() : String(b.password),
				requirePasswordChange: b.requirePasswordChange === true || b.setRandomPassword === true ? true : undefined,
				loginTokens: [],
				preferences: {},
				noSettings: true,
				email2fa: autoOptInEmail2fa(state, now),
			};
			state.insertUser(user);
			if (b.joinDefaultChannels !== false) joinDefaultChannels(state, user);
			if (b.sendWelcomeEmail === true) state.emailsSent.push({ kind: 'welcome', to: email, userId: user._id, at: now });
			if (b.active === false) setUserActiveStatus(ctx, user._id, false, false);
			return ok({ user: userDocument(user, true) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.update',
		auth: 'required',
		twoFactor: {},
		validate: (ctx) => {
			const errors = [...v.required(ctx.body, 'userId', 'data'), ...v.type(ctx.body, 'userId', 'string'), ...v.type(ctx.body, 'data', 'object'), ...v.type(ctx.body, 'confirmRelinquish', 'boolean')];
			if (ctx.body.userId === '') errors.push('must NOT have fewer than 1 characters');
			const data = ctx.body.data;
			if (data && typeof data === 'object' && !Array.isArray(data)) errors.push(...v.noExtra(data as Record<string, unknown>, UPDATE_DATA_KEYS));
			return errors;
		},
		handler: (ctx) => {
			const { state } = ctx;
			const me = authed(ctx).user;
			const userId = String(ctx.body.userId);
			const data = ctx.body.data as Record<string, unknown>;
			if (typeof data.name === 'string' && !validName(data.name)) throw failure('Name contains invalid characters');
			const user = state.userById(userId);
			if (!user) throw new MeteorError('error-invalid-user', 'Invalid user', { method: INSERT_OR_UPDATE });
			const self = user._id === me._id;
			if (!self && !can(ctx, 'edit-other-user-info')) throw new MeteorError('error-action-not-allowed', 'Editing user is not allowed', { method: INSERT_OR_UPDATE, action: 'Editing_user' });
			assertProfileEditAllowed(ctx, user, data, self);
			assertProfileSizes(data, INSERT_OR_UPDATE);
			if (data.roles !== undefined && !can(ctx, 'assign-roles')) throw new MeteorError('error-action-not-allowed', 'Assigning roles is not allowed', { method: INSERT_OR_UPDATE, action: 'Assign_role' });
			if (data.password !== undefined && !self && !can(ctx, 'edit-other-user-password')) throw new MeteorError('error-action-not-allowed', 'Editing user is not allowed', { method: INSERT_OR_UPDATE, action: 'Editing_user' });
			if (typeof data.username === 'string' && data.username !== user.username) {
				assertIdentitySavable(state, data.username);
				assertUsernameUsable(state, data.username, user._id);
			}
			if (typeof data.email === 'string' && data.email.toLowerCase() !== primaryEmail(user)?.toLowerCase()) assertEmailUsable(state, data.email, user._id);
			// users.update runs saveCustomFields (validateCustomFields first) after saveUser.
			if (data.customFields && typeof data.customFields === 'object') validateCustomFields(state, { ...user.customFields, ...(data.customFields as object) });

			if (typeof data.username === 'string') state.setUsername(user, data.username);
			if (typeof data.email === 'string') {
				const verified = typeof data.verified === 'boolean' ? data.verified : data.email.toLowerCase() === primaryEmail(user)?.toLowerCase() && user.emails[0]?.verified;
				state.setEmails(user, [{ address: data.email, verified: Boolean(verified) }, ...user.emails.slice(1)]);
			} else if (typeof data.verified === 'boolean' && user.emails[0]) {
				user.emails[0].verified = data.verified;
			}
			if (typeof data.name === 'string') user.name = data.name;
			if (typeof data.password === 'string') user.password = data.password;
			if (Array.isArray(data.roles)) user.roles = data.roles.map(String);
			if (typeof data.requirePasswordChange === 'boolean') user.requirePasswordChange = data.requirePasswordChange;
			if (typeof data.bio === 'string') user.bio = data.bio;
			if (typeof data.nickname === 'string') user.nickname = data.nickname;
			if (typeof data.statusText === 'string') user.statusText = savedStatusText(data.statusText);
			if (data.customFields && typeof data.customFields === 'object') user.customFields = { ...user.customFields, ...(data.customFields as object) };
			if (data.sendWelcomeEmail === true && primaryEmail(user)) state.emailsSent.push({ kind: 'welcome', to: primaryEmail(user) as string, userId: user._id, at: state.now() });
			user._updatedAt = state.now();
			state.touch();
			// As on the server, the other fields are already saved when the active change fails (e.g. user-last-owner).
			if (typeof data.active === 'boolean') setUserActiveStatus(ctx, user._id, data.active, ctx.body.confirmRelinquish === true);
			return ok({ user: userDocument(user, true) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.delete',
		auth: 'required',
		permissions: ['delete-user'],
		handler: (ctx) => {
			const user = getUserFromParams(ctx, ctx.body);
			deleteUser(ctx, user, ctx.body.confirmRelinquish === true);
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.setActiveStatus',
		auth: 'required',
		permissions: { any: ['edit-other-user-active-status', 'manage-moderation-actions'] },
		validate: (ctx) => [
			...v.required(ctx.body, 'userId', 'activeStatus'),
			...v.type(ctx.body, 'userId', 'string'),
			...v.type(ctx.body, 'activeStatus', 'boolean'),
			...v.type(ctx.body, 'confirmRelinquish', 'boolean'),
		],
		handler: (ctx) => {
			const userId = String(ctx.body.userId);
			setUserActiveStatus(ctx, userId, ctx.body.activeStatus === true, ctx.body.confirmRelinquish === true);
			const user = ctx.state.userById(userId);
			if (!user) throw failure('User not found');
			return ok({ user: { _id: user._id, active: user.active } });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.deactivateIdle',
		auth: 'required',
		permissions: ['edit-other-user-active-status'],
		validate: (ctx) => {
			const errors = v.required(ctx.body, 'daysIdle');
			if (ctx.body.daysIdle !== undefined && lenientInt(ctx.body.daysIdle) === undefined) errors.push('must be integer');
			return [...errors, ...v.type(ctx.body, 'role', 'string')];
		},
		handler: (ctx) => {
			const { state } = ctx;
			const daysIdle = lenientInt(ctx.body.daysIdle) as number;
			const role = str(ctx.body.role) ?? 'user';
			// new Date(); setDate(getDate() - daysIdle): calendar days in the server's local time zone.
			const cutoff = state.now();
			cutoff.setDate(cutoff.getDate() - daysIdle);
			const limit = cutoff.getTime();
			let count = 0;
			for (const u of state.users) {
				if (!u.active || !u.roles.includes(role)) continue;
				const idle = u.lastLogin ? u.lastLogin.getTime() <= limit : u.createdAt.getTime() <= limit;
				if (!idle) continue;
				u.active = false;
				u.inactiveReason = 'idle_too_long';
				u._updatedAt = state.now();
				// From 8.5 (8.4.2, 8.2.4) the users it deactivates lose their login tokens (PATs included), as setUserActiveStatus does.
				if (has(ctx.version, 'deactivateIdleRevokesTokens')) state.removeLoginTokens(u, () => true, authed(ctx).user._id);
				count++;
			}
			state.touch();
			return ok({ count });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.register',
		auth: 'none',
		rateLimit: 'register',
		validate: (ctx) => [
			...v.required(ctx.body, 'username', 'email', 'pass', 'name'),
			...['username', 'email', 'pass', 'name', 'secretURL'].flatMap((k) => v.type(ctx.body, k, 'string')),
		],
		handler: (ctx) => {
			const { state } = ctx;
			const { username, email, pass, name } = ctx.body as Record<string, string>;
			if (readSetting(state, 'Accounts_RegistrationForm') === 'Disabled') throw new MeteorError('error-user-registration-disabled', 'User registration is disabled', { method: 'registerUser' });
			if (name && !validName(name)) throw failure('Name contains invalid characters');
			if (!USERNAME_RE.test(username)) throw failure('The username provided is not valid');
			// checkUsernameAvailability: a blocked name throws, a taken one is 'already in use'.
			assertUsernameNotBlocked(state, username);
			if (state.userByUsername(username)) throw failure('Username is already in use');
			if (ctx.body.customFields && typeof ctx.body.customFields === 'object') validateCustomFields(state, ctx.body.customFields as Record<string, unknown>);
			// registerUser validates the password against the policy.
			assertPasswordPolicy(state, pass);
			if (!EMAIL_RE.test(email)) throw new MeteorError('error-invalid-email', `Invalid email ${email}`, { method: 'registerUser', email });
			// Accounts.createUser's Meteor.Error(403, 'Email already exists.'): errorType is the number 403.
			if (state.userByEmail(email)) throw new MeteorError(403, 'Email already exists.');
			const now = state.now();
			const user: SimUser = {
				_id: state.rng.id(),
				username,
				name,
				emails: [{ address: email, verified: false }],
				type: 'user',
				roles: newUserRoles(state),
				active: true,
				status: 'offline',
				statusConnection: 'offline',
				createdAt: now,
				_updatedAt: now,
				utcOffset: 0,
				password: pass,
				loginTokens: [],
				preferences: {},
				noSettings: true,
				email2fa: autoOptInEmail2fa(state, now),
			};
			state.insertUser(user);
			joinDefaultChannels(state, user);
			return ok({ user: { _id: user._id, type: user.type, status: user.status, active: user.active, name: user.name, username: user.username, createdAt: user.createdAt, _updatedAt: user._updatedAt, roles: [...user.roles], emails: user.emails.map((e) => ({ ...e })), utcOffset: 0 } });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.autocomplete',
		auth: 'required',
		validate: (ctx) => (first(ctx.query, 'selector') === undefined ? ["must have required property 'selector'"] : []),
		handler: (ctx) => {
			const selector = JSON.parse(first(ctx.query, 'selector') as string) as { term?: string; exceptions?: string[]; conditions?: Record<string, unknown> };
			const conditions = selector.conditions ?? {};
			// isValidQuery(conditions, ['*'], operators): any other operator, at any depth, is refused.
			const operators = has(ctx.version, 'autocompleteConditionOperators') ? ['$and', '$ne', '$exists'] : ['$or', '$and'];
			if (!onlyOperators(conditions, operators)) throw failure('error-invalid-query');
			const re = new RegExp(escapeRegExp(selector.term ?? ''), 'i');
			const exceptions = new Set(selector.exceptions ?? []);
			const me = authed(ctx).user;
			// findUsersToAutocomplete: without view-outside-room only people sharing a room with the caller.
			const reachable = can(ctx, 'view-outside-room') ? undefined : roomMatesOf(ctx.state, me._id);
			const items = sortBy(
				ctx.state.users.filter(
					(u) => u.active && !exceptions.has(u.username) && (re.test(u.username) || re.test(u.name)) && matchesUserConditions(u, conditions) && (!reachable || reachable.has(u._id)),
				),
				[['username', 1]],
				userGetter,
			)
				.slice(0, 10)
				.map((u) => ({ _id: u._id, username: u.username, name: u.name, nickname: u.nickname, status: u.status, avatarETag: u.avatar?.etag }));
			return ok({ items });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.checkUsernameAvailability',
		auth: 'required',
		validate: (ctx) => (first(ctx.query, 'username') === undefined ? ["must have required property 'username'"] : []),
		handler: (ctx) => {
			const username = first(ctx.query, 'username') as string;
			const me = authed(ctx).user;
			if (me.username === username) return ok({ result: true });
			assertUsernameNotBlocked(ctx.state, username);
			const result = USERNAME_RE.test(username) && !ctx.state.userByUsername(username);
			return ok({ result });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.getUsernameSuggestion',
		auth: 'required',
		handler: (ctx) => ok({ result: usernameSuggestion(ctx.state, authed(ctx).user) }),
	},
	{
		method: 'GET',
		path: '/api/v1/users.getPresence',
		auth: 'required',
		handler: (ctx) => {
			if (isUserFromParams(ctx, ctx.query)) {
				const me = authed(ctx).user;
				applyStatusExpiry(ctx.state, me);
				return ok({ presence: me.status || 'offline', connectionStatus: me.statusConnection || 'offline', lastLogin: me.lastLogin });
			}
			const user = getUserFromParams(ctx, ctx.query);
			applyStatusExpiry(ctx.state, user);
			return ok({ presence: user.status || 'offline' });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.presence',
		auth: 'required',
		handler: (ctx) => {
			const { state } = ctx;
			// With presence broadcast disabled everybody counts as offline.
			if (settingOn(state, 'Presence_broadcast_disabled')) return ok({ users: [], full: true });
			for (const u of state.users) if (u.statusExpiresAt) applyStatusExpiry(state, u);
			const idsRaw = ctx.query.ids;
			if (idsRaw !== undefined) {
				const ids = new Set((Array.isArray(idsRaw) ? idsRaw : idsRaw.split(',')).map((s) => s.trim()));
				return ok({ users: state.users.filter((u) => ids.has(u._id) && u.status !== 'offline').map(presenceItem), full: false });
			}
			const from = first(ctx.query, 'from');
			if (from) {
				const ts = new Date(from).getTime();
				if (!Number.isNaN(ts) && (state.nowMs() - ts) / 60_000 < 10) {
					const me = authed(ctx).user;
					return ok({ users: state.users.filter((u) => u._id !== me._id && u._updatedAt.getTime() >= ts).map(presenceItem), full: false });
				}
			}
			return ok({ users: state.users.filter((u) => u.status !== 'offline').map(presenceItem), full: true });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.getStatus',
		auth: 'required',
		handler: (ctx) => {
			const user = isUserFromParams(ctx, ctx.query) ? authed(ctx).user : getUserFromParams(ctx, ctx.query);
			applyStatusExpiry(ctx.state, user);
			const body: Record<string, unknown> = { _id: user._id, status: user.status || 'offline' };
			if (user === ctx.user) body.connectionStatus = user.statusConnection || 'offline';
			// statusSource / statusExpiresAt from 8.6 (OpenAPI changelog).
			if (has(ctx.version, 'statusExpiry')) {
				if (user.statusSource) body.statusSource = user.statusSource;
				if (user.statusExpiresAt) body.statusExpiresAt = user.statusExpiresAt;
			}
			return ok(body);
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.setStatus',
		auth: 'required',
		rateLimit: { calls: 5, windowMs: 60_000, since: 'routeRateLimits' },
		handler: (ctx) => {
			const { state, body } = ctx;
			const hasMessage = typeof body.message === 'string';
			const hasStatus = typeof body.status === 'string';
			if ((!hasMessage && !hasStatus) || (body.message !== undefined && body.message !== null && !hasMessage) || (body.status !== undefined && body.status !== null && !hasStatus)) {
				throw failure('Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');
			}
			// The route checks the setting before anything else, whether the message changes or only the status.
			if (!settingOn(state, 'Accounts_AllowUserStatusMessageChange')) throw new MeteorError('error-not-allowed', 'Change status is not allowed', { method: 'users.setStatus' });
			// expiresAt exists from 8.6 (OpenAPI changelog); before, Match.ObjectIncluding lets it through unread.
			const timed = has(ctx.version, 'statusExpiry');
			let expiresAt: Date | undefined;
			if (timed && body.expiresAt !== undefined) {
				expiresAt = typeof body.expiresAt === 'string' ? new Date(body.expiresAt) : undefined;
				if (!expiresAt || Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= state.nowMs()) {
					throw new MeteorError('error-invalid-date', 'expiresAt must be a future date', { method: 'users.setStatus' });
				}
			}
			let user: SimUser | undefined;
			if (isUserFromParams(ctx, body)) user = authed(ctx).user;
			else if (can(ctx, 'edit-other-user-info')) user = getUserFromParams(ctx, body);
			if (!user) throw forbidden(ctx.version);
			// setStatusText: trimmed and cut to 120 characters; saved even when the status below is refused.
			if (hasMessage) {
				user.statusText = savedStatusText(body.message as string);
				user._updatedAt = state.now();
				state.touch();
			}
			if (hasStatus) {
				const status = body.status as UserStatus;
				if (!['online', 'away', 'offline', 'busy'].includes(status)) {
					throw new MeteorError('error-invalid-status', 'Valid status types include online, away, offline, and busy.', { method: 'users.setStatus' });
				}
				if (status === 'offline' && !settingOn(state, 'Accounts_AllowInvisibleStatusOption')) {
					throw new MeteorError('error-status-not-allowed', 'Invisible status is disabled', { method: 'users.setStatus' });
				}
				user.status = status;
				user.statusDefault = status;
				user.statusSource = timed ? 'manual' : undefined;
				user.statusExpiresAt = expiresAt;
			}
			user._updatedAt = state.now();
			state.touch();
			return ok();
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.listTeams',
		auth: 'required',
		validate: (ctx) => (first(ctx.query, 'userId') === undefined ? ["must have required property 'userId'"] : []),
		handler: (ctx) => {
			const userId = first(ctx.query, 'userId') as string;
			const me = authed(ctx).user;
			const seeAll = can(ctx, 'view-all-teams');
			const teams = ctx.state.teams
				.filter((t) => t.members.some((m) => m.userId === userId) && (seeAll || t.members.some((m) => m.userId === me._id)))
				.map((t) => ({
					_id: t._id,
					name: t.name,
					type: t.type,
					createdAt: t.createdAt,
					createdBy: { ...t.createdBy },
					_updatedAt: t._updatedAt,
					roomId: t.roomId,
					isOwner: t.members.some((m) => m.userId === userId && m.roles.includes('owner')),
				}));
			return ok({ teams });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/moderation.reportUser',
		auth: 'required',
		// isModerationReportUserPost: both required, description at least one character, nothing else.
		validate: (ctx) => {
			const { body } = ctx;
			const errors = [...v.required(body, 'userId', 'description'), ...v.type(body, 'userId', 'string'), ...v.type(body, 'description', 'string'), ...v.noExtra(body, ['userId', 'description'])];
			if (typeof body.description === 'string' && body.description.length < 1) errors.push('must NOT have fewer than 1 characters');
			return errors;
		},
		handler: (ctx) => {
			const { state } = ctx;
			const reported = state.userById(String(ctx.body.userId));
			if (!reported) throw failure('Invalid user id provided.');
			// No check on who reports whom: a user may report itself.
			state.reports.push({ _id: state.rng.id(), reportedUserId: reported._id, reportedById: authed(ctx).user._id, description: String(ctx.body.description), ts: state.now() });
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.sendWelcomeEmail',
		auth: 'required',
		permissions: ['send-mail'],
		validate: (ctx) => [...v.required(ctx.body, 'email'), ...v.type(ctx.body, 'email', 'string')],
		handler: (ctx) => {
			const email = String(ctx.body.email).trim();
			// sendWelcomeEmail: no SMTP host, no mail, before the user is looked up.
			if (!String(readSetting(ctx.state, 'SMTP_Host') ?? '').trim()) throw new MeteorError('error-email-send-failed', 'SMTP is not configured', { method: 'sendWelcomeEmail' });
			const user = ctx.state.userByEmail(email);
			if (!user) throw new MeteorError('error-invalid-user', 'Invalid user', { method: 'sendWelcomeEmail' });
			ctx.state.emailsSent.push({ kind: 'welcome', to: email, userId: user._id, at: ctx.state.now() });
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.forgotPassword',
		auth: 'none',
		handler: (ctx) => {
			const email = str(ctx.body.email);
			if (!email) throw failure("The 'email' param is required");
			// sendForgotPasswordEmail refuses while password reset is off.
			if (!settingOn(ctx.state, 'Accounts_PasswordReset')) throw failure('Password reset is not enabled');
			const user = ctx.state.userByEmail(email.toLowerCase());
			// Always "success" so the endpoint cannot be used to probe for accounts; only real accounts get a mail.
			if (user) ctx.state.emailsSent.push({ kind: 'forgotPassword', to: email.toLowerCase(), userId: user._id, at: ctx.state.now() });
			return ok();
		},
	},
	{
		method: 'GET',
		path: '/api/v1/roles.list',
		auth: 'required',
		handler: (ctx) => ok({ roles: ctx.state.roles.map((r) => ({ ...r })) }),
	},
];
