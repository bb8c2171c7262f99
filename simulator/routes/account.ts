/** Self-service routes: me, preferences, tokens, 2FA, logout, own profile and account (users.ts on the server). */
import { assertIdentitySavable, assertPasswordPolicy } from '../accountPolicy';
import { MeteorError, failure, forbidden } from '../errors';
import { has, type Behaviour } from '../versions';
import { first, type Query } from '../query';
import { hashLoginToken, sha256Hex } from '../state';
import { checkTwoFactor, sendEmailCode } from '../twoFactor';
import type { SimUser } from '../types';
import { settingOn } from '../settings';
import { assertEmailUsable, assertProfileEditAllowed, assertProfileSizes, assertUsernameUsable, deleteUser, savedStatusText, validName } from './users';
import { authed, can, getUserFromParams, ok, primaryEmail, str, userDocument, v, type RouteContext, type RouteDef } from './common';

/** Defaults a fresh account reports (Accounts_Default_User_Preferences_*). */
export const DEFAULT_PREFERENCES: Readonly<Record<string, unknown>> = {
	newRoomNotification: 'door',
	newMessageNotification: 'chime',
	muteFocusedConversations: true,
	useEmojis: true,
	convertAsciiEmoji: true,
	saveMobileBandwidth: true,
	collapseMediaByDefault: false,
	autoImageLoad: true,
	emailNotificationMode: 'mentions',
	unreadAlert: true,
	notificationsSoundVolume: 100,
	desktopNotifications: 'all',
	pushNotifications: 'all',
	enableAutoAway: true,
	highlights: [],
	desktopNotificationRequireInteraction: false,
	hideUsernames: false,
	hideRoles: false,
	displayAvatars: true,
	hideFlexTab: false,
	sendOnEnter: 'normal',
	idleTimeLimit: 300,
	sidebarShowFavorites: true,
	sidebarShowUnread: false,
	sidebarSortby: 'activity',
	sidebarViewMode: 'medium',
	sidebarDisplayAvatar: true,
	sidebarGroupByType: true,
	messageViewMode: 0,
	themeAppearence: 'auto',
	notifyCalendarEvents: true,
	enableMobileRinging: false,
	fontSize: '100%',
};

/** data.* keys accepted by users.setPreferences (isUsersSetPreferencesParamsPOST) and their JSON types. */
const PREFERENCE_TYPES: Record<string, 'string' | 'boolean' | 'integer' | 'number' | 'array'> = {
	language: 'string',
	newRoomNotification: 'string',
	newMessageNotification: 'string',
	muteFocusedConversations: 'boolean',
	clockMode: 'integer',
	useEmojis: 'boolean',
	convertAsciiEmoji: 'boolean',
	saveMobileBandwidth: 'boolean',
	collapseMediaByDefault: 'boolean',
	autoImageLoad: 'boolean',
	emailNotificationMode: 'string',
	unreadAlert: 'boolean',
	notificationsSoundVolume: 'integer',
	desktopNotifications: 'string',
	pushNotifications: 'string',
	enableAutoAway: 'boolean',
	highlights: 'array',
	messageViewMode: 'integer',
	hideUsernames: 'boolean',
	hideRoles: 'boolean',
	displayAvatars: 'boolean',
	hideFlexTab: 'boolean',
	sendOnEnter: 'string',
	idleTimeLimit: 'integer',
	sidebarShowFavorites: 'boolean',
	sidebarShowUnread: 'boolean',
	sidebarSortby: 'string',
	sidebarViewMode: 'string',
	sidebarDisplayAvatar: 'boolean',
	sidebarGroupByType: 'boolean',
	dontAskAgainList: 'array',
	notifyCalendarEvents: 'boolean',
	themeAppearence: 'string',
	masterVolume: 'number',
	alsoSendThreadToChannel: 'string',
	desktopNotificationRequireInteraction: 'boolean',
	showThreadsInMainChannel: 'boolean',
	fontSize: 'string',
	receiveLoginDetectionEmail: 'boolean',
	omnichannelTranscriptPDF: 'boolean',
	omnichannelTranscriptEmail: 'boolean',
	omnichannelHideConversationAfterClosing: 'boolean',
	enableMobileRinging: 'boolean',
	utcOffset: 'number',
	statusVisibilityDenied: 'array',
};

/** Preferences the schema knows only from a release on (versions.ts); before, they are additional properties. */
const PREFERENCE_SINCE: Readonly<Record<string, Behaviour>> = {
	utcOffset: 'preferencesUtcOffset',
	statusVisibilityDenied: 'preferencesStatusVisibilityDenied',
};

/** What /me reports: the defaults with the saved preferences over them. */
export function preferencesOf(u: SimUser): Record<string, unknown> {
	return { ...DEFAULT_PREFERENCES, ...u.preferences, language: u.language };
}

/** users.getPreferences / setPreferences: only `settings.preferences` as saved, plus `language` (absent when unset). */
function savedPreferencesOf(u: SimUser): Record<string, unknown> {
	return { ...u.preferences, language: u.language };
}

/** i18n Accounts_Default_User_Preferences_not_available, upper-cased by the route. */
const PREFERENCES_NOT_AVAILABLE = "FAILED TO RETRIEVE USER PREFERENCES BECAUSE THEY HAVEN'T BEEN SET UP BY THE USER YET";

function patsOf(u: SimUser) {
	return u.loginTokens.filter((t) => t.type === 'personalAccessToken');
}

function tokenNameParam(ctx: RouteContext): string {
	const tokenName = str(ctx.body.tokenName);
	if (!tokenName) throw failure("The 'tokenName' param is required");
	return tokenName;
}

function createPat(ctx: RouteContext, user: SimUser, tokenName: string, bypassTwoFactor: boolean, method: string): string {
	if (!can(ctx, 'create-personal-access-tokens')) throw new MeteorError('not-authorized', 'Not Authorized', { method });
	if (patsOf(user).some((t) => t.name === tokenName)) throw new MeteorError('error-token-already-exists', 'A token with this name already exists', { method });
	const token = ctx.state.rng.secret();
	ctx.state.addLoginToken(user, {
		hashedToken: hashLoginToken(token),
		type: 'personalAccessToken',
		createdAt: ctx.state.now(),
		lastTokenPart: token.slice(-6),
		name: tokenName,
		bypassTwoFactor,
	});
	return token;
}

/** Users.removeNonPATLoginTokensExcept(userId, currentHashedToken) */
function removeOtherLoginTokens(ctx: RouteContext): number {
	const { user, token } = authed(ctx);
	return ctx.state.removeLoginTokens(user, (t) => t.type === 'login' && t.hashedToken !== token.hashedToken, user._id);
}

/** resetUserE2EEncriptionKey / resetTOTP end with Users.unsetLoginTokens: the account is logged out everywhere. */
function logoutEverywhere(ctx: RouteContext, user: SimUser): number {
	return ctx.state.removeLoginTokens(user, () => true, ctx.user?._id);
}

function hasTargetUser(params: Record<string, unknown>): boolean {
	return 'userId' in params || 'username' in params || 'user' in params;
}

export const accountRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/v1/me',
		auth: 'required',
		handler: (ctx) => {
			const u = authed(ctx).user;
			return ok({
				_id: u._id,
				name: u.name,
				emails: u.emails.map((e) => ({ ...e })),
				email: primaryEmail(u),
				status: u.status,
				statusConnection: u.statusConnection,
				statusText: u.statusText,
				username: u.username,
				nickname: u.nickname,
				bio: u.bio,
				utcOffset: u.utcOffset,
				active: u.active,
				roles: [...u.roles],
				type: u.type,
				language: u.language,
				requirePasswordChange: u.requirePasswordChange,
				createdAt: u.createdAt,
				lastLogin: u.lastLogin,
				settings: { preferences: preferencesOf(u) },
				customFields: u.customFields,
				avatarUrl: `${ctx.baseUrl}/avatar/${encodeURIComponent(u.username)}`,
			});
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.getPreferences',
		auth: 'required',
		handler: (ctx) => {
			const user = authed(ctx).user;
			// A user without a `settings` field (never saved preferences) gets API.v1.failure.
			if (user.noSettings) throw failure(PREFERENCES_NOT_AVAILABLE);
			return ok({ preferences: savedPreferencesOf(user) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.setPreferences',
		auth: 'required',
		validate: (ctx) => {
			const errors = [...v.required(ctx.body, 'data'), ...v.type(ctx.body, 'data', 'object'), ...v.type(ctx.body, 'userId', 'string')];
			const data = ctx.body.data;
			if (errors.length || !data || typeof data !== 'object') return errors;
			for (const [key, val] of Object.entries(data as Record<string, unknown>)) {
				const type = PREFERENCE_TYPES[key];
				const since = PREFERENCE_SINCE[key];
				if (!type || (since && !has(ctx.version, since))) errors.push('must NOT have additional properties');
				else errors.push(...v.type({ [key]: val }, key, type));
			}
			return errors;
		},
		handler: (ctx) => {
			const me = authed(ctx).user;
			const userId = str(ctx.body.userId);
			if (userId && userId !== me._id && !can(ctx, 'edit-other-user-info')) throw new MeteorError('error-action-not-allowed', 'Editing user is not allowed');
			const user = ctx.state.userById(userId || me._id);
			if (!user) throw new MeteorError('error-invalid-user', 'The optional "userId" param provided does not match any users');
			const { language, ...prefs } = ctx.body.data as Record<string, unknown>;
			if (typeof language === 'string') user.language = language;
			user.preferences = { ...user.preferences, ...prefs };
			user.noSettings = undefined;
			user._updatedAt = ctx.state.now();
			ctx.state.touch();
			return ok({ user: { _id: user._id, settings: { preferences: savedPreferencesOf(user) } } });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.generatePersonalAccessToken',
		auth: 'required',
		twoFactor: {},
		handler: (ctx) => {
			const tokenName = tokenNameParam(ctx);
			const token = createPat(ctx, authed(ctx).user, tokenName, ctx.body.bypassTwoFactor === true, 'personalAccessTokens:generateToken');
			return ok({ token });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.regeneratePersonalAccessToken',
		auth: 'required',
		twoFactor: {},
		handler: (ctx) => {
			const tokenName = tokenNameParam(ctx);
			const user = authed(ctx).user;
			const method = 'personalAccessTokens:regenerateToken';
			// The permission comes before the token lookup, and nothing is removed when it is missing.
			if (!can(ctx, 'create-personal-access-tokens')) throw new MeteorError('not-authorized', 'Not Authorized', { method });
			const existing = patsOf(user).find((t) => t.name === tokenName);
			if (!existing) throw new MeteorError('error-token-does-not-exists', 'Token does not exist', { method: 'personalAccessTokens:regenerateToken' });
			ctx.state.removeLoginTokens(user, (t) => t === existing);
			return ok({ token: createPat(ctx, user, tokenName, existing.bypassTwoFactor === true, 'personalAccessTokens:regenerateToken') });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.getPersonalAccessTokens',
		auth: 'required',
		permissions: ['create-personal-access-tokens'],
		handler: (ctx) =>
			ok({
				tokens: patsOf(authed(ctx).user).map((t) => ({ name: t.name, createdAt: t.createdAt.toISOString(), lastTokenPart: t.lastTokenPart, bypassTwoFactor: Boolean(t.bypassTwoFactor) })),
			}),
	},
	{
		method: 'POST',
		path: '/api/v1/users.removePersonalAccessToken',
		auth: 'required',
		twoFactor: {},
		handler: (ctx) => {
			const tokenName = tokenNameParam(ctx);
			const user = authed(ctx).user;
			if (!can(ctx, 'create-personal-access-tokens')) throw new MeteorError('not-authorized', 'Not Authorized', { method: 'personalAccessTokens:removeToken' });
			const removed = ctx.state.removeLoginTokens(user, (t) => t.type === 'personalAccessToken' && t.name === tokenName);
			if (removed === 0) throw new MeteorError('error-token-does-not-exists', 'Token does not exist', { method: 'personalAccessTokens:removeToken' });
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.2fa.enableEmail',
		auth: 'required',
		handler: (ctx) => {
			const user = authed(ctx).user;
			if (user.emails.some((e) => !e.verified)) throw new MeteorError('error-invalid-user', 'You need to verify your emails before setting up 2FA');
			user.email2fa = { enabled: true, changedAt: ctx.state.now() };
			// Enabling 2FA logs out every other (non-PAT) session.
			removeOtherLoginTokens(ctx);
			ctx.state.touch();
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.2fa.disableEmail',
		auth: 'required',
		twoFactor: { disableRememberMe: true },
		handler: (ctx) => {
			const user = authed(ctx).user;
			user.email2fa = { enabled: false, changedAt: ctx.state.now() };
			ctx.state.touch();
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.2fa.sendEmailCode',
		// The route has no authRequired option, so the server never authenticates it: auth headers are ignored.
		auth: 'none',
		handler: (ctx) => {
			const emailOrUsername = str(ctx.body.emailOrUsername);
			if (!emailOrUsername) throw new MeteorError('error-parameter-required', 'emailOrUsername is required');
			const user = emailOrUsername.includes('@') ? ctx.state.userByEmail(emailOrUsername) : ctx.state.userByUsername(emailOrUsername);
			// Unknown accounts still get "success", so the endpoint cannot be used to probe for users.
			if (user) sendEmailCode(ctx.state, user);
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.resetE2EKey',
		auth: 'required',
		twoFactor: { disableRememberMe: true },
		handler: (ctx) => {
			if (hasTargetUser(ctx.body)) {
				const user = getUserFromParams(ctx, ctx.body);
				if (!can(ctx, 'edit-other-user-e2ee')) throw new MeteorError('error-not-allowed', 'Not allowed');
				user.e2eKeyResetAt = ctx.state.now();
				ctx.state.audited('e2e.reset', ctx.user?._id, user._id);
				logoutEverywhere(ctx, user);
				return ok();
			}
			const me = authed(ctx).user;
			me.e2eKeyResetAt = ctx.state.now();
			ctx.state.audited('e2e.reset', me._id, me._id);
			logoutEverywhere(ctx, me);
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.resetTOTP',
		auth: 'required',
		twoFactor: { disableRememberMe: true },
		handler: (ctx) => {
			let user: SimUser;
			if (hasTargetUser(ctx.body)) {
				if (!can(ctx, 'edit-other-user-totp')) throw new MeteorError('error-not-allowed', 'Not allowed');
				if (!ctx.state.settings.twoFactorEnabled) throw new MeteorError('error-two-factor-not-enabled', 'Two factor authentication is not enabled');
				user = getUserFromParams(ctx, ctx.body);
			} else {
				user = authed(ctx).user;
			}
			ctx.state.audited('totp.reset', ctx.user?._id, user._id);
			if (user.totp) {
				user.totp = undefined;
				user.totpResetAt = ctx.state.now();
				logoutEverywhere(ctx, user);
			}
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.logout',
		auth: 'required',
		validate: (ctx) => v.type(ctx.body, 'userId', 'string'),
		handler: (ctx) => {
			const me = authed(ctx).user;
			const userId = str(ctx.body.userId) || me._id;
			if (userId !== me._id && !can(ctx, 'logout-other-user')) throw forbidden(ctx.version);
			const user = ctx.state.userById(userId);
			// Users.unsetLoginTokens sets loginTokens to [] (PATs go too) and answers an UpdateResult, which is always
			// truthy: the route's "Invalid user id" never fires, so an unknown or already logged-out user succeeds too.
			if (user) ctx.state.removeLoginTokens(user, () => true, me._id);
			// The sessions of those tokens end with them (SimState.removeLoginTokens), which is what the newest
			// source's Sessions.logoutAllByUserId shows to sessions/*.
			return ok({ message: `User ${userId} has been logged out!` });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.logoutOtherClients',
		auth: 'required',
		handler: (ctx) => {
			const { token, plainToken } = authed(ctx);
			removeOtherLoginTokens(ctx);
			const expires = token.type === 'login' ? new Date(token.createdAt.getTime() + ctx.state.settings.loginExpirationDays * 86_400_000).toISOString() : '';
			// The server answers with the caller's own token (unchanged) and its expiry.
			return ok({ token: plainToken, tokenExpires: expires });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.removeOtherTokens',
		auth: 'required',
		handler: (ctx) => {
			removeOtherLoginTokens(ctx);
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.createToken',
		auth: 'required',
		twoFactorFrom: 'createTwoFactorGated',
		// From 8.0 the body carries `secret` (rest-typings); before, it is ignored.
		validate: (ctx) => (has(ctx.version, 'createTokenNeedsSecret') ? [...v.required(ctx.body, 'secret'), ...v.type(ctx.body, 'secret', 'string')] : []),
		handler: (ctx) => {
			const user = getUserFromParams(ctx, ctx.body);
			const { settings } = ctx.state;
			const forOther = authed(ctx).user._id !== user._id;
			// generateAccessToken: before 8.0 the CREATE_TOKENS_FOR_USERS switch and, for another user, the permission;
			// from 8.0 CREATE_TOKENS_FOR_USERS_SECRET, and for another user the permission again from 8.7 (and the backports).
			const allowed = has(ctx.version, 'createTokenNeedsSecret')
				? settings.createTokenSecret !== undefined &&
					ctx.body.secret === settings.createTokenSecret &&
					(!forOther || !has(ctx.version, 'createTokenNeedsPermissionForOthers') || can(ctx, 'user-generate-access-token'))
				: settings.createTokensForUsers && (!forOther || can(ctx, 'user-generate-access-token'));
			if (!allowed) throw new MeteorError('error-not-authorized', 'Not authorized');
			const authToken = ctx.state.issueLoginToken(user);
			return ok({ data: { userId: user._id, authToken } });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.requestDataDownload',
		auth: 'required',
		handler: (ctx) => {
			const { state } = ctx;
			const me = authed(ctx).user;
			const fullExport = first(ctx.query as Query, 'fullExport') === 'true';
			// The server's operation also carries `userData`, the caller's whole user document (services included);
			// the simulator leaves it out rather than echo secrets.
			const serialize = (r: (typeof state.dataDownloads)[number]) => ({
				_id: r._id,
				createdAt: r.createdAt,
				userId: r.userId,
				status: r.status,
				exportPath: `/tmp/userData/${r._id}`,
				assetsPath: `/tmp/userData/${r._id}/assets`,
				fileList: [],
				fullExport: r.fullExport,
				_updatedAt: r._updatedAt,
			});
			const last = [...state.dataDownloads].reverse().find((r) => r.userId === me._id && r.fullExport === fullExport);
			// One request per day per kind (full or not): the recent operation is answered instead of queueing another.
			// Until 9.0 the REST route answers only `requested` and `exportOperation` of what requestDataDownload returns.
			const answer = (requested: boolean, op: (typeof state.dataDownloads)[number]) => {
				const body: Record<string, unknown> = { requested, exportOperation: serialize(op) };
				if (!has(ctx.version, 'requestDataDownloadFullAnswer')) return ok(body);
				// No export ever completes in the simulator: no file, so no url; operations still pending before this one.
				const pending = state.dataDownloads.filter((o) => o.status === 'pending' && o.createdAt.getTime() < (requested ? state.nowMs() : op.createdAt.getTime()) && o !== op).length;
				return ok({ ...body, url: null, pendingOperationsBeforeMyRequest: pending });
			};
			if (last && last.createdAt.getTime() > state.nowMs() - 86_400_000) return answer(false, last);
			const now = state.now();
			// Created as 'preparing', then saved as 'pending' with its folders before the answer.
			const op = { _id: state.rng.id(), userId: me._id, fullExport, status: 'pending' as const, createdAt: now, _updatedAt: now };
			state.dataDownloads.push(op);
			return answer(true, op);
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.updateOwnBasicInfo',
		auth: 'required',
		rateLimit: { calls: 1, windowMs: 60_000, since: 'routeRateLimits' },
		validate: (ctx) => {
			const errors = [...v.required(ctx.body, 'data'), ...v.type(ctx.body, 'data', 'object'), ...v.type(ctx.body, 'customFields', 'object')];
			if (errors.length) return errors;
			const data = ctx.body.data as Record<string, unknown>;
			return ['email', 'newPassword', 'currentPassword', 'nickname', 'bio', 'username', 'name', 'statusType', 'statusText'].flatMap((k) => v.type(data, k, 'string'));
		},
		handler: (ctx) => {
			const { state } = ctx;
			const { user, token } = authed(ctx);
			const data = ctx.body.data as Record<string, string | undefined>;
			if (data.name && !validName(data.name)) throw failure('Name contains invalid characters');
			// saveUserProfile refuses everything when profile changes are off, then validateUserEditing per field.
			if (!settingOn(state, 'Accounts_AllowUserProfileChange')) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'saveUserProfile' });
			assertProfileEditAllowed(ctx, user, data, true);
			assertProfileSizes(data, 'saveUserProfile');
			// saveUserProfile asks for a second factor whenever email or newPassword is sent; currentPassword is that code.
			if (data.email || data.newPassword) {
				const code = data.currentPassword ?? ctx.headers['x-2fa-code'];
				const method = data.currentPassword ? 'password' : ctx.headers['x-2fa-method'];
				checkTwoFactor(state, user, { code, method, token, userAgent: ctx.headers['user-agent'], clientAddress: ctx.ip }, { requireSecondFactor: true });
			}
			if (data.username !== undefined && data.username !== user.username) {
				// saveUserIdentity gives up on a blocked name.
				assertIdentitySavable(state, data.username);
				assertUsernameUsable(state, data.username, user._id);
			}
			// setRealName trims the name; an empty one (Accounts_RequireNameForSignUp, on by default) is not saved.
			if (data.name !== undefined && data.name.trim() === '') throw new MeteorError('error-could-not-change-name', 'Could not change name', { method: 'saveUserProfile' });
			if (data.email && data.email.toLowerCase() !== primaryEmail(user)?.toLowerCase()) assertEmailUsable(state, data.email, user._id);
			if (data.newPassword && user.password !== undefined) assertPasswordPolicy(state, data.newPassword);
			if (data.newPassword && user.password !== undefined && data.newPassword === user.password) {
				throw new MeteorError('error-password-same-as-current', 'Entered password same as current password', { method: 'saveUserProfile' });
			}
			if (data.username !== undefined && data.username !== user.username) state.setUsername(user, data.username);
			if (data.name !== undefined) user.name = data.name.trim();
			if (data.nickname !== undefined) user.nickname = data.nickname;
			if (data.bio !== undefined) user.bio = data.bio;
			if (typeof data.statusText === 'string') user.statusText = savedStatusText(data.statusText);
			if (data.statusType && ['online', 'away', 'busy', 'offline'].includes(data.statusType)) user.status = data.statusType as SimUser['status'];
			if (data.email && data.email.toLowerCase() !== primaryEmail(user)?.toLowerCase()) state.setEmails(user, [{ address: data.email, verified: false }]);
			if (data.newPassword && user.password !== undefined) user.password = data.newPassword;
			if (ctx.body.customFields) user.customFields = { ...user.customFields, ...(ctx.body.customFields as object) };
			user._updatedAt = state.now();
			state.touch();
			return ok({ user: userDocument(user) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.deleteOwnAccount',
		auth: 'required',
		handler: (ctx) => {
			const password = str(ctx.body.password);
			if (!password) throw failure('Body parameter "password" is required.');
			if (!ctx.state.settings.allowDeleteOwnAccount) throw new MeteorError('error-not-allowed', 'Not allowed');
			const me = authed(ctx).user;
			if (me.password !== undefined) {
				if (sha256Hex(me.password) !== password.toLowerCase()) throw new MeteorError('error-invalid-password', 'Invalid password', { method: 'deleteUserOwnAccount' });
			} else if (sha256Hex(me.username) !== password.trim()) {
				throw new MeteorError('error-invalid-username', 'Invalid username', { method: 'deleteUserOwnAccount' });
			}
			deleteUser(ctx, me, ctx.body.confirmRelinquish === true);
			return ok();
		},
	},
];
