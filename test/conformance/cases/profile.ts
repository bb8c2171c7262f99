/**
 * What others see of a user: the avatar (users.setAvatar / resetAvatar / getAvatar / getAvatarSuggestion and the
 * web app's /avatar/{username} and /avatar/uid/{userId}), presence and status (users.getPresence, users.presence,
 * users.getStatus, users.setStatus), users.listTeams and moderation.reportUser. Each case follows one `it` of
 * Rocket.Chat's REST tests (apps/meteor/tests/end-to-end/api/users.ts, …/moderation.ts) or the server function
 * it reads. Where upstream changes the administrator's avatar or status, the cases change a user of their own.
 */
import assert from 'node:assert/strict';

import { invalidParams, refused, ruleRefused, succeeded } from '../lib/assert';
import { GATED_ON_NEWER_RELEASES, type Actor, type Answer, type CallOptions, type RawAnswer } from '../lib/client';
import type { TestUser } from '../lib/control';
import { e2e, fn, serverHas, sharedUser, type CaseContext, type CaseGroup, type ConformanceCase, type Source } from '../lib/suite';

const USERS_API = 'apps/meteor/app/api/server/v1/users.ts';
const AVATAR_USER = 'apps/meteor/server/routes/avatar/user.ts';
const AVATAR_UTILS = 'apps/meteor/server/routes/avatar/utils.ts';
const AVATAR_AUTH = 'apps/meteor/server/routes/avatar/middlewares/auth.ts';
const SSRF = 'apps/meteor/app/lib/server/functions/checkUrlForSsrf.ts';
const SET_STATUS_TEXT = 'apps/meteor/app/lib/server/functions/setStatusText.ts';
const MODERATION_API = 'apps/meteor/app/api/server/v1/moderation.ts';
const E2E_MODERATION = 'apps/meteor/tests/end-to-end/api/moderation.ts';
const moderationTest = (it: string): Source => ({ file: E2E_MODERATION, it });

/** FALLBACK_LAST_MODIFIED: the Last-Modified of every generated letter avatar. */
const LETTER_DATE = 'Thu, 01 Jan 2015 00:00:00 GMT';
/** A 1×1 PNG, the image every upload sends. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQLfkKAAI4AYeTCv9RAAAAAElFTkSuQmCC', 'base64');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const NOT_LOGGED_IN = 'You must be logged in to do this.';

const post = (ctx: CaseContext, path: string, body: unknown, options: CallOptions = {}) =>
	ctx.client.call('POST', path, { twoFactor: GATED_ON_NEWER_RELEASES.has(path), ...options, body });
const get = (ctx: CaseContext, path: string, query: Record<string, string | number> = {}, options: CallOptions = {}) => ctx.client.call('GET', path, { ...options, query });

async function withSettings<T>(ctx: CaseContext, values: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
	for (const [id, value] of Object.entries(values)) await ctx.control.setSetting(id, value);
	try {
		return await run();
	} finally {
		for (const id of Object.keys(values)) await ctx.control.resetSetting(id);
	}
}

async function withPermissions<T>(ctx: CaseContext, values: Record<string, string[]>, run: () => Promise<T>): Promise<T> {
	for (const [id, roles] of Object.entries(values)) await ctx.control.setPermission(id, roles);
	try {
		return await run();
	} finally {
		for (const id of Object.keys(values)) await ctx.control.resetPermission(id);
	}
}

/** A 401 of an authRequired route; servers before the 9.0 error switch add the old Restivus `status` and `message`. */
function notLoggedIn(ctx: CaseContext, res: Answer): void {
	refused(res, 401, NOT_LOGGED_IN);
	const legacy = !serverHas(ctx, 'apiErrorFormatV2');
	assert.deepEqual([res.body.status, res.body.message], legacy ? ['error', NOT_LOGGED_IN] : [undefined, undefined]);
}

/** API.v1.forbidden() inside a route: 403, "unauthorized" before the 9.0 error switch and "forbidden" from 9.0. */
function routeForbidden(ctx: CaseContext, res: Answer): void {
	refused(res, 403, serverHas(ctx, 'apiErrorFormatV2') ? 'forbidden' : 'unauthorized');
}

/** The multipart body of an avatar upload: the image, then any form fields (userId, username). */
function upload(fields: Record<string, string> = {}): FormData {
	const form = new FormData();
	form.append('image', new Blob([PNG], { type: 'image/png' }), 'avatar.png');
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
}

const setAvatar = (ctx: CaseContext, body: unknown, as?: Actor) => post(ctx, 'users.setAvatar', body, { as });

/** The avatar image route, seen by `viewer` (rc_uid / rc_token in the query), or anonymously. */
function image(ctx: CaseContext, path: string, viewer?: TestUser, query: Record<string, string | number> = {}, headers: Record<string, string> = {}): Promise<RawAnswer> {
	const credentials: Record<string, string> = viewer ? { rc_uid: viewer.userId, rc_token: viewer.authToken } : {};
	return ctx.client.fetchRaw(path, { query: { ...credentials, ...query }, headers });
}

/** An uploaded avatar comes with its upload time; the letter avatar with the fixed date, or none when blocked. */
function servedUpload(res: RawAnswer): void {
	assert.equal(res.status, 200);
	const lastModified = res.headers.get('last-modified');
	assert.ok(lastModified && lastModified !== LETTER_DATE, `Last-Modified ${lastModified}`);
}

function servedLetters(res: RawAnswer, size = 200): string {
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'image/svg+xml');
	assert.equal(res.headers.get('last-modified'), LETTER_DATE);
	const svg = res.bytes.toString('utf8');
	assert.ok(svg.includes(`viewBox="0 0 ${size} ${size}"`), svg.slice(0, 120));
	return svg;
}

const avatarOwner = (ctx: CaseContext) => sharedUser(ctx, 'self');
const avatarOther = (ctx: CaseContext) => sharedUser(ctx, 'other');

/* ------------------------------------------------------------------ users.setAvatar */

const setAvatarCases: ConformanceCase[] = [
	{
		endpoint: 'users.setAvatar',
		title: 'should set the avatar of the logged user by a local image',
		source: e2e('should set the avatar of the logged user by a local image'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: true }, async () => {
				const self = avatarOwner(ctx);
				succeeded(await setAvatar(ctx, upload(), self));
				const served = await image(ctx, `/avatar/${self.username}`, self);
				servedUpload(served);
				assert.equal(served.headers.get('content-type'), 'image/png');
			}),
	},
	{
		endpoint: 'users.setAvatar',
		title: 'should update the avatar of another user by userId when the logged user has the necessary permission (edit-other-user-avatar)',
		source: e2e('should update the avatar of another user by userId when the logged user has the necessary permission (edit-other-user-avatar)'),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-avatar': ['admin', 'user'] }, async () => {
				const other = avatarOther(ctx);
				succeeded(await setAvatar(ctx, upload({ userId: other.userId }), avatarOwner(ctx)));
				servedUpload(await image(ctx, `/avatar/${other.username}`, other));
			}),
	},
	{
		endpoint: 'users.setAvatar',
		title: 'should set the avatar of another user by username and local image when the logged user has the necessary permission (edit-other-user-avatar)',
		source: e2e('should set the avatar of another user by username and local image when the logged user has the necessary permission (edit-other-user-avatar)'),
		async run(ctx) {
			succeeded(await setAvatar(ctx, upload({ username: avatarOther(ctx).username })));
		},
	},
	{
		endpoint: 'users.setAvatar',
		title: "should prevent from updating someone else's avatar when the logged user doesn't have the necessary permission(edit-other-user-avatar)",
		source: e2e("should prevent from updating someone else's avatar when the logged user doesn't have the necessary permission(edit-other-user-avatar)"),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-avatar': [] }, async () => {
				ruleRefused(ctx, await setAvatar(ctx, upload({ userId: avatarOther(ctx).userId }), avatarOwner(ctx)), 'error-not-allowed', 'Not allowed [error-not-allowed]');
			}),
	},
	{
		endpoint: 'users.setAvatar',
		title: 'should allow users with the edit-other-user-avatar permission to update avatars when the Accounts_AllowUserAvatarChange setting is off',
		source: e2e('should allow users with the edit-other-user-avatar permission to update avatars when the Accounts_AllowUserAvatarChange setting is off'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: false }, () =>
				withPermissions(ctx, { 'edit-other-user-avatar': ['admin'] }, async () => {
					succeeded(await setAvatar(ctx, upload({ userId: avatarOwner(ctx).userId })));
				}),
			),
	},
	{
		endpoint: 'users.setAvatar',
		title: "without edit-other-user-avatar, Accounts_AllowUserAvatarChange off locks one's own avatar: Change avatar is not allowed",
		source: fn(USERS_API, 'users.setAvatar: Accounts_AllowUserAvatarChange'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: false }, () =>
				withPermissions(ctx, { 'edit-other-user-avatar': ['admin'] }, async () => {
					const res = await setAvatar(ctx, upload(), avatarOwner(ctx));
					ruleRefused(ctx, res, 'error-not-allowed', 'Change avatar is not allowed [error-not-allowed]');
					if (!serverHas(ctx, 'refusalsAre403')) assert.deepEqual(res.body.details, { method: 'users.setAvatar' });
				}),
			),
	},
	{
		endpoint: 'users.setAvatar',
		title: 'a form-data userId that matches nobody: error-invalid-user',
		source: fn(USERS_API, 'users.setAvatar: sentTheUserByFormData'),
		async run(ctx) {
			const res = await setAvatar(ctx, upload({ userId: 'n8n-conformance-nobody' }));
			refused(res, 400, 'The optional "userId" or "username" param provided does not match any users [error-invalid-user]');
		},
	},
	{
		endpoint: 'users.setAvatar',
		title: "an avatarUrl for another user without edit-other-user-avatar is refused before the URL is looked at",
		source: fn(USERS_API, 'users.setAvatar: API.v1.unauthorized()'),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-avatar': ['admin'] }, async () => {
				routeForbidden(ctx, await setAvatar(ctx, { avatarUrl: 'http://169.254.169.254/', userId: avatarOther(ctx).userId }, avatarOwner(ctx)));
			}),
	},
	{
		endpoint: 'users.setAvatar',
		title: 'should prevent users from passing server-side request forgery (SSRF) payloads as avatarUrl',
		source: e2e('should prevent users from passing server-side request forgery (SSRF) payloads as avatarUrl'),
		async run(ctx) {
			const res = await setAvatar(ctx, { userId: avatarOwner(ctx).userId, avatarUrl: 'http://169.254.169.254/' });
			refused(res, 400, 'Invalid avatar URL: http://169.254.169.254/ [error-avatar-invalid-url]');
		},
	},
	...['http://127.0.0.1/avatar.png', 'http://10.0.0.1/avatar.png', 'http://192.168.1.10/avatar.png', 'http://100.100.100.200/latest/meta-data/'].map(
		(avatarUrl): ConformanceCase => ({
			endpoint: 'users.setAvatar',
			title: `an avatarUrl on a reserved address is not downloaded: ${avatarUrl}`,
			source: fn(SSRF, 'checkUrlForSsrf: isIpInAnyRange'),
			async run(ctx) {
				const res = await setAvatar(ctx, { userId: avatarOwner(ctx).userId, avatarUrl });
				refused(res, 400);
				assert.equal(res.body.errorType, 'error-avatar-invalid-url');
			},
		}),
	),
	...['ftp://images.example.com/avatar.png', 'https://images.example.com:8443/avatar.png', 'http://metadata.google.internal/computeMetadata/v1/', 'https://n8n-conformance.invalid/avatar.png'].map(
		(avatarUrl): ConformanceCase => ({
			endpoint: 'users.setAvatar',
			title: `an avatarUrl that is not http(s), has a port, names a metadata host or does not resolve is refused: ${avatarUrl}`,
			source: fn(SSRF, 'checkUrlForSsrf'),
			async run(ctx) {
				const res = await setAvatar(ctx, { userId: avatarOwner(ctx).userId, avatarUrl });
				refused(res, 400, `Invalid avatar URL: ${encodeURI(avatarUrl)} [error-avatar-invalid-url]`);
				assert.deepEqual(res.body.details, { function: 'setUserAvatar', url: avatarUrl });
			},
		}),
	),
];

/* ------------------------------------------------------------------ users.resetAvatar */

const resetAvatar = (ctx: CaseContext, body: unknown, as?: Actor) => post(ctx, 'users.resetAvatar', body, { as });

const resetAvatarCases: ConformanceCase[] = [
	{
		endpoint: 'users.resetAvatar',
		title: 'should set the avatar of the logged user by a local image',
		source: e2e('should set the avatar of the logged user by a local image'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: true }, async () => {
				succeeded(await setAvatar(ctx, upload(), avatarOwner(ctx)));
			}),
	},
	{
		endpoint: 'users.resetAvatar',
		title: 'should reset the avatar of the logged user',
		source: e2e('should reset the avatar of the logged user'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: true }, async () => {
				const self = avatarOwner(ctx);
				succeeded(await resetAvatar(ctx, { userId: self.userId }, self));
				servedLetters(await image(ctx, `/avatar/${self.username}`, self));
			}),
	},
	{
		endpoint: 'users.resetAvatar',
		title: 'should reset the avatar of another user by userId when the logged user has the necessary permission (edit-other-user-avatar)',
		source: e2e('should reset the avatar of another user by userId when the logged user has the necessary permission (edit-other-user-avatar)'),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-avatar': ['admin', 'user'] }, async () => {
				succeeded(await resetAvatar(ctx, { userId: avatarOther(ctx).userId }, avatarOwner(ctx)));
			}),
	},
	{
		endpoint: 'users.resetAvatar',
		title: 'should reset the avatar of another user by username and local image when the logged user has the necessary permission (edit-other-user-avatar)',
		source: e2e('should reset the avatar of another user by username and local image when the logged user has the necessary permission (edit-other-user-avatar)'),
		async run(ctx) {
			succeeded(await resetAvatar(ctx, { username: avatarOther(ctx).username }));
		},
	},
	{
		endpoint: 'users.resetAvatar',
		title: "should prevent from resetting someone else's avatar when the logged user doesn't have the necessary permission(edit-other-user-avatar)",
		source: e2e("should prevent from resetting someone else's avatar when the logged user doesn't have the necessary permission(edit-other-user-avatar)"),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-avatar': [] }, async () => {
				const res = await resetAvatar(ctx, { userId: avatarOther(ctx).userId }, avatarOwner(ctx));
				ruleRefused(ctx, res, 'error-not-allowed', 'Reset avatar is not allowed [error-not-allowed]');
				if (!serverHas(ctx, 'refusalsAre403')) assert.deepEqual(res.body.details, { method: 'users.resetAvatar' });
			}),
	},
	{
		endpoint: 'users.resetAvatar',
		title: 'should allow users with the edit-other-user-avatar permission to reset avatars when the Accounts_AllowUserAvatarChange setting is off',
		source: e2e('should allow users with the edit-other-user-avatar permission to reset avatars when the Accounts_AllowUserAvatarChange setting is off'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: false }, () =>
				withPermissions(ctx, { 'edit-other-user-avatar': ['admin'] }, async () => {
					succeeded(await resetAvatar(ctx, { userId: avatarOwner(ctx).userId }));
				}),
			),
	},
	{
		endpoint: 'users.resetAvatar',
		title: 'with Accounts_AllowUserAvatarChange off a user without either permission cannot reset its own avatar',
		source: fn(USERS_API, 'users.resetAvatar'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserAvatarChange: false }, async () => {
				const self = avatarOwner(ctx);
				ruleRefused(ctx, await resetAvatar(ctx, { userId: self.userId }, self), 'error-not-allowed', 'Reset avatar is not allowed [error-not-allowed]');
			}),
	},
	{
		endpoint: 'users.resetAvatar',
		title: 'without userId or username: error-user-param-not-provided',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await resetAvatar(ctx, {}, avatarOwner(ctx));
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-user-param-not-provided');
		},
	},
];

/* ------------------------------------------------------------------ users.getAvatar / getAvatarSuggestion */

const getAvatarCases: ConformanceCase[] = [
	...(['userId', 'username'] as const).map(
		(key): ConformanceCase => ({
			endpoint: 'users.getAvatar',
			title: `should get the url of the avatar of the logged user via ${key}`,
			source: e2e(`should get the url of the avatar of the logged user via ${key}`),
			async run(ctx) {
				const self = avatarOwner(ctx);
				const res = await get(ctx, 'users.getAvatar', { [key]: key === 'userId' ? self.userId : self.username }, { as: self });
				assert.equal(res.status, 307);
				// The body is the Location: Site_Url + /avatar/{username}.
				assert.ok(String(res.body).endsWith(`/avatar/${self.username}`), String(res.body));
			},
		}),
	),
	{
		endpoint: 'users.getAvatar',
		title: 'needs a login from 8.1 (#38088); before, anybody gets the 307 to /avatar/{username}',
		source: { file: USERS_API, fn: 'users.getAvatar (authRequired: true, RocketChat/Rocket.Chat#38088)' },
		async run(ctx) {
			const res = await get(ctx, 'users.getAvatar', { userId: avatarOther(ctx).userId }, { as: null });
			if (serverHas(ctx, 'getAvatarRequiresAuth')) return notLoggedIn(ctx, res);
			assert.equal(res.status, 307);
			assert.ok(String(res.body).endsWith(`/avatar/${avatarOther(ctx).username}`), String(res.body));
		},
	},
	{
		endpoint: 'users.getAvatar',
		title: 'without userId or username: error-user-param-not-provided',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await get(ctx, 'users.getAvatar', {}, { as: avatarOwner(ctx) });
			refused(res, 400, 'The required "userId" or "username" param was not provided [error-user-param-not-provided]');
		},
	},
	{
		endpoint: 'users.getAvatar',
		title: 'an unknown username: error-invalid-user',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await get(ctx, 'users.getAvatar', { username: 'n8n-conformance-nobody' }, { as: avatarOwner(ctx) });
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.getAvatarSuggestion',
		title: 'should return 401 unauthorized when user is not logged in',
		source: e2e('should return 401 unauthorized when user is not logged in'),
		async run(ctx) {
			notLoggedIn(ctx, await get(ctx, 'users.getAvatarSuggestion', {}, { as: null }));
		},
	},
	{
		endpoint: 'users.getAvatarSuggestion',
		title: 'should get avatar suggestion of the logged user via userId',
		source: e2e('should get avatar suggestion of the logged user via userId'),
		async run(ctx) {
			const self = avatarOwner(ctx);
			const res = succeeded(await get(ctx, 'users.getAvatarSuggestion', { userId: self.userId }, { as: self }));
			assert.equal(typeof res.body.suggestions, 'object');
			assert.ok(res.body.suggestions !== null && !Array.isArray(res.body.suggestions));
		},
	},
];

/* ------------------------------------------------------------------ /avatar/{username}, /avatar/uid/{userId} */

const pictured = (ctx: CaseContext) => sharedUser(ctx, 'pictured');
const lettered = (ctx: CaseContext) => sharedUser(ctx, 'lettered');

const avatarRouteCases: ConformanceCase[] = [
	{
		endpoint: '/avatar/{username}',
		title: 'Accounts_AvatarBlockUnauthenticatedAccess on: an anonymous request gets the letter fallback, without Last-Modified',
		source: fn(AVATAR_AUTH, 'protectAvatarsWithFallback'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AvatarBlockUnauthenticatedAccess: true }, async () => {
				const res = await image(ctx, `/avatar/${pictured(ctx).username}`);
				assert.equal(res.status, 200);
				assert.equal(res.headers.get('content-type'), 'image/svg+xml');
				assert.equal(res.headers.get('last-modified'), null);
				assert.ok(res.bytes.toString('utf8').includes('viewBox="0 0 200 200"'));
			}),
	},
	{
		endpoint: '/avatar/{username}',
		title: 'Accounts_AvatarBlockUnauthenticatedAccess on: the REST headers do not count, a wrong rc_token neither',
		source: fn(AVATAR_UTILS, 'userCanAccessAvatar'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AvatarBlockUnauthenticatedAccess: true }, async () => {
				const viewer = pictured(ctx);
				const rest = await ctx.client.fetchRaw(`/avatar/${viewer.username}`, { headers: { 'X-User-Id': viewer.userId, 'X-Auth-Token': viewer.authToken } });
				assert.equal(rest.headers.get('last-modified'), null);
				const wrong = await ctx.client.fetchRaw(`/avatar/${viewer.username}`, { query: { rc_uid: viewer.userId, rc_token: 'not-the-token' } });
				assert.equal(wrong.headers.get('last-modified'), null);
			}),
	},
	{
		endpoint: '/avatar/{username}',
		title: 'Accounts_AvatarBlockUnauthenticatedAccess on: rc_uid/rc_token in the query or in a cookie get the upload',
		source: fn(AVATAR_UTILS, 'isUserAuthenticated'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AvatarBlockUnauthenticatedAccess: true }, async () => {
				const viewer = lettered(ctx);
				servedUpload(await image(ctx, `/avatar/${pictured(ctx).username}`, viewer));
				const cookie = `rc_uid=${viewer.userId}; rc_token=${viewer.authToken}`;
				servedUpload(await ctx.client.fetchRaw(`/avatar/${pictured(ctx).username}`, { headers: { cookie } }));
			}),
	},
	{
		endpoint: '/avatar/{username}',
		title: 'Accounts_AvatarBlockUnauthenticatedAccess off: anybody gets the upload',
		source: fn(AVATAR_UTILS, 'userCanAccessAvatar'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AvatarBlockUnauthenticatedAccess: false }, async () => {
				servedUpload(await image(ctx, `/avatar/${pictured(ctx).username}`));
			}),
	},
	{
		endpoint: '/avatar/{username}',
		title: 'an upload: Content-Security-Policy default-src none, Cache-Control from Accounts_AvatarCacheTime, inline',
		source: fn(AVATAR_UTILS, 'serveAvatarFile, setCacheAndDispositionHeaders'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AvatarCacheTime: 120 }, async () => {
				const res = await image(ctx, `/avatar/${pictured(ctx).username}`, lettered(ctx));
				servedUpload(res);
				assert.equal(res.headers.get('content-security-policy'), "default-src 'none'");
				assert.equal(res.headers.get('cache-control'), 'public, max-age=120');
				assert.equal(res.headers.get('content-disposition'), 'inline');
			}),
	},
	{
		endpoint: '/avatar/{username}',
		title: 'a cacheTime in the query replaces Accounts_AvatarCacheTime',
		source: fn(AVATAR_UTILS, 'setCacheAndDispositionHeaders'),
		async run(ctx) {
			const res = await image(ctx, `/avatar/${lettered(ctx).username}`, lettered(ctx), { cacheTime: 42 });
			assert.equal(res.headers.get('cache-control'), 'public, max-age=42');
		},
	},
	{
		endpoint: '/avatar/{username}',
		title: 'an upload asked for again with its Last-Modified as If-Modified-Since: 304',
		source: fn(AVATAR_UTILS, 'serveAvatarFile'),
		async run(ctx) {
			const first = await image(ctx, `/avatar/${pictured(ctx).username}`, lettered(ctx));
			servedUpload(first);
			const again = await image(ctx, `/avatar/${pictured(ctx).username}`, lettered(ctx), {}, { 'if-modified-since': first.headers.get('last-modified') as string });
			assert.equal(again.status, 304);
			assert.equal(again.bytes.length, 0);
		},
	},
	{
		endpoint: '/avatar/{username}',
		title: 'no upload: the SVG letter avatar of the username, 200 px, with the fixed Last-Modified',
		source: fn(AVATAR_USER, 'userAvatarByUsername → serveSvgAvatarInRequestedFormat'),
		async run(ctx) {
			const svg = servedLetters(await image(ctx, `/avatar/${lettered(ctx).username}`, lettered(ctx)));
			// renderSVGLetters: the first letter or digit of the username, upper-cased.
			assert.ok(svg.includes(`>\n${lettered(ctx).username.replace(/[^A-Za-z0-9]/g, '').charAt(0).toUpperCase()}\n</text>`), svg);
		},
	},
	{
		endpoint: '/avatar/{username}',
		title: 'the letter avatar asked for with its fixed date as If-Modified-Since: 304',
		source: fn(AVATAR_UTILS, 'wasFallbackModified'),
		async run(ctx) {
			const res = await image(ctx, `/avatar/${lettered(ctx).username}`, lettered(ctx), {}, { 'if-modified-since': LETTER_DATE });
			assert.equal(res.status, 304);
		},
	},
	...[
		{ size: '1', box: 16 },
		{ size: '64', box: 64 },
		{ size: '5000', box: 1024 },
		{ size: '0', box: 200 },
	].map(
		({ size, box }): ConformanceCase => ({
			endpoint: '/avatar/{username}',
			title: `the letter avatar's size is clamped to 16–1024 (0 or none is 200): size=${size} → ${box}`,
			source: fn(AVATAR_UTILS, 'getAvatarSizeFromRequest'),
			async run(ctx) {
				servedLetters(await image(ctx, `/avatar/${lettered(ctx).username}`, lettered(ctx), { size }), box);
			},
		}),
	),
	{
		endpoint: '/avatar/{username}',
		title: 'format=png renders the letter avatar as PNG; jpg and jpeg as JPEG, typed after the format asked for',
		source: fn(AVATAR_UTILS, 'serveSvgAvatarInRequestedFormat'),
		async run(ctx) {
			const path = `/avatar/${lettered(ctx).username}`;
			const png = await image(ctx, path, lettered(ctx), { format: 'png' });
			assert.equal(png.headers.get('content-type'), 'image/png');
			assert.deepEqual(png.bytes.subarray(0, 8), PNG_SIGNATURE);
			for (const format of ['jpg', 'jpeg']) {
				const jpeg = await image(ctx, path, lettered(ctx), { format });
				assert.equal(jpeg.headers.get('content-type'), `image/${format}`);
				assert.deepEqual([...jpeg.bytes.subarray(0, 2)], [0xff, 0xd8]);
			}
		},
	},
	{
		endpoint: '/avatar/{username}',
		title: 'an upload is served as uploaded whatever format is asked for',
		source: fn(AVATAR_USER, 'userAvatarByUsername → serveAvatarFile'),
		async run(ctx) {
			const res = await image(ctx, `/avatar/${pictured(ctx).username}`, lettered(ctx), { format: 'jpeg' });
			servedUpload(res);
			assert.equal(res.headers.get('content-type'), 'image/png');
		},
	},
	{
		endpoint: '/avatar/{username}',
		title: '@name always gives the letter avatar, even for a user with an upload',
		source: fn(AVATAR_USER, 'userAvatarByUsername'),
		async run(ctx) {
			servedLetters(await image(ctx, `/avatar/@${pictured(ctx).username}`, lettered(ctx)));
		},
	},
	{
		endpoint: '/avatar/uid/{userId}',
		title: "by user id: that user's upload",
		source: fn(AVATAR_USER, 'userAvatarById'),
		async run(ctx) {
			servedUpload(await image(ctx, `/avatar/uid/${pictured(ctx).userId}`, lettered(ctx)));
		},
	},
	{
		endpoint: '/avatar/uid/{userId}',
		title: 'by user id without an upload: the letter avatar of the username',
		source: fn(AVATAR_USER, 'userAvatarById'),
		async run(ctx) {
			servedLetters(await image(ctx, `/avatar/uid/${lettered(ctx).userId}`, lettered(ctx)));
		},
	},
	{
		endpoint: '/avatar/uid/{userId}',
		title: 'an unknown user id: 404',
		source: fn(AVATAR_USER, 'userAvatarById'),
		async run(ctx) {
			assert.equal((await image(ctx, '/avatar/uid/n8n-conformance-nobody', lettered(ctx))).status, 404);
		},
	},
];

async function avatarSetup(ctx: CaseContext): Promise<void> {
	ctx.shared.self = await ctx.control.createUser();
	ctx.shared.other = await ctx.control.createUser();
}

export const setAvatarGroup: CaseGroup = {
	name: 'Avatars: users.setAvatar, getAvatar, getAvatarSuggestion',
	setup: avatarSetup,
	cases: [...setAvatarCases, ...getAvatarCases],
};

export const resetAvatarGroup: CaseGroup = {
	name: 'Avatars: users.resetAvatar',
	setup: avatarSetup,
	cases: resetAvatarCases,
};

export const avatarRouteGroup: CaseGroup = {
	name: 'Avatars: the /avatar image routes',
	async setup(ctx) {
			ctx.shared.pictured = await ctx.control.createUser();
		ctx.shared.lettered = await ctx.control.createUser();
		succeeded(await setAvatar(ctx, upload({ username: (ctx.shared.pictured as TestUser).username })));
	},
	cases: avatarRouteCases,
};

/* ------------------------------------------------------------------ presence and status */

const setStatus = (ctx: CaseContext, body: unknown, as?: Actor) => post(ctx, 'users.setStatus', body, { as });
/** users.info as the administrator: statusText is there for anybody. */
const infoOf = async (ctx: CaseContext, user: TestUser) => succeeded(await get(ctx, 'users.info', { userId: user.userId })).body.user;

const presenceCases: ConformanceCase[] = [
	{
		endpoint: 'users.getPresence',
		title: "should query a user's presence by userId",
		source: e2e("should query a user's presence by userId"),
		async run(ctx) {
			const res = succeeded(await get(ctx, 'users.getPresence', { userId: sharedUser(ctx, 'quiet').userId }));
			assert.deepEqual(res.body, { presence: 'offline', success: true });
		},
	},
	{
		endpoint: 'users.getPresence',
		title: 'should return "offline" after a login type "resume" via REST',
		source: e2e('should return "offline" after a login type "resume" via REST'),
		async run(ctx) {
			const quiet = sharedUser(ctx, 'quiet');
			const login = await post(ctx, 'login', { resume: quiet.authToken }, { as: null });
			assert.equal(login.status, 200, JSON.stringify(login.body));
			assert.equal(login.body.status, 'success');
			assert.equal(succeeded(await get(ctx, 'users.getPresence', { userId: quiet.userId })).body.presence, 'offline');
		},
	},
	{
		endpoint: 'users.getPresence',
		title: "one's own presence adds connectionStatus and lastLogin",
		source: fn(USERS_API, 'users.getPresence: isUserFromParams'),
		async run(ctx) {
			const quiet = sharedUser(ctx, 'quiet');
			const res = succeeded(await get(ctx, 'users.getPresence', {}, { as: quiet }));
			assert.equal(res.body.presence, 'offline');
			assert.equal(res.body.connectionStatus, 'offline');
			assert.equal(typeof res.body.lastLogin, 'string');
		},
	},
	{
		endpoint: 'users.getPresence',
		title: 'an unknown user: error-invalid-user',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await get(ctx, 'users.getPresence', { userId: 'n8n-conformance-nobody' });
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.presence',
		title: 'should return 401 unauthorized',
		source: e2e('should return 401 unauthorized'),
		async run(ctx) {
			notLoggedIn(ctx, await get(ctx, 'users.presence', {}, { as: null }));
		},
	},
	{
		endpoint: 'users.presence',
		title: 'should return online users full list',
		source: e2e('should return online users full list'),
		async run(ctx) {
			const res = succeeded(await get(ctx, 'users.presence'));
			assert.equal(res.body.full, true);
			assert.ok(Array.isArray(res.body.users));
			for (const user of res.body.users as Array<Record<string, unknown>>) {
				// The projection: _id, username, name, status, utcOffset, statusText, avatarETag; nobody offline.
				assert.deepEqual(Object.keys(user).filter((k) => !['_id', 'username', 'name', 'status', 'utcOffset', 'statusText', 'avatarETag'].includes(k)), []);
				assert.notEqual(user.status, 'offline');
			}
			assert.equal((res.body.users as Array<{ _id: string }>).some((u) => u._id === sharedUser(ctx, 'quiet').userId), false);
		},
	},
	{
		endpoint: 'users.presence',
		title: 'should return no online users updated after now',
		source: e2e('should return no online users updated after now'),
		async run(ctx) {
			const res = succeeded(await get(ctx, 'users.presence', { from: new Date().toISOString() }));
			assert.equal(res.body.full, false);
			assert.deepEqual(res.body.users, []);
		},
	},
	{
		endpoint: 'users.presence',
		title: 'should return full list of online users for more than 10 minutes in the past',
		source: e2e('should return full list of online users for more than 10 minutes in the past'),
		async run(ctx) {
			const res = succeeded(await get(ctx, 'users.presence', { from: new Date(Date.now() - 11 * 60_000).toISOString() }));
			assert.equal(res.body.full, true);
		},
	},
	{
		endpoint: 'users.presence',
		title: 'ids: only those of them who are not offline, full false',
		source: fn(USERS_API, 'users.presence → findNotOfflineByIds'),
		async run(ctx) {
			const res = succeeded(await get(ctx, 'users.presence', { ids: `${sharedUser(ctx, 'quiet').userId},n8n-conformance-nobody` }));
			assert.deepEqual([res.body.full, res.body.users], [false, []]);
		},
	},
	{
		endpoint: 'users.presence',
		title: 'Presence_broadcast_disabled: an empty full list',
		source: fn(USERS_API, 'users.presence: Presence_broadcast_disabled'),
		run: (ctx) =>
			withSettings(ctx, { Presence_broadcast_disabled: true }, async () => {
				const res = succeeded(await get(ctx, 'users.presence'));
				assert.deepEqual([res.body.full, res.body.users], [true, []]);
			}),
	},
	{
		endpoint: 'users.getStatus',
		title: 'should return my own status',
		source: e2e('should return my own status'),
		async run(ctx) {
			const quiet = sharedUser(ctx, 'quiet');
			const res = succeeded(await get(ctx, 'users.getStatus', {}, { as: quiet }));
			assert.equal(res.body._id, quiet.userId);
			assert.equal(res.body.status, 'offline');
			assert.equal(res.body.connectionStatus, 'offline');
		},
	},
	{
		endpoint: 'users.getStatus',
		title: 'should return other user status',
		source: e2e('should return other user status'),
		async run(ctx) {
			// Upstream asks for rocket.cat; a server under test need not have it.
			const quiet = sharedUser(ctx, 'quiet');
			const res = succeeded(await get(ctx, 'users.getStatus', { userId: quiet.userId }));
			assert.deepEqual([res.body._id, res.body.status, res.body.connectionStatus], [quiet.userId, 'offline', undefined]);
		},
	},
	{
		endpoint: 'users.setStatus',
		title: 'should return an error when the setting "Accounts_AllowUserStatusMessageChange" is disabled',
		source: e2e('should return an error when the setting "Accounts_AllowUserStatusMessageChange" is disabled'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserStatusMessageChange: false }, async () => {
				const res = await setStatus(ctx, { status: 'busy', message: '' }, sharedUser(ctx, 'self'));
				ruleRefused(ctx, res, 'error-not-allowed', 'Change status is not allowed [error-not-allowed]');
			}),
	},
	{
		endpoint: 'users.setStatus',
		title: 'should update my own status',
		source: e2e('should update my own status'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowUserStatusMessageChange: true }, async () => {
				const self = sharedUser(ctx, 'self');
				succeeded(await setStatus(ctx, { status: 'busy', message: 'test' }, self));
				// The resulting status of a user without a live connection differs between servers (see README).
				assert.equal((await infoOf(ctx, self)).statusText, 'test');
			}),
	},
	{
		endpoint: 'users.setStatus',
		title: 'should return an error when trying to update other user status without the required permission',
		source: e2e('should return an error when trying to update other user status without the required permission'),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-info': [] }, async () => {
				routeForbidden(ctx, await setStatus(ctx, { status: 'busy', message: 'test', userId: sharedUser(ctx, 'other').userId }));
			}),
	},
	{
		endpoint: 'users.setStatus',
		title: 'should update another user status succesfully',
		source: e2e('should update another user status succesfully'),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-info': ['admin'] }, async () => {
				const other = sharedUser(ctx, 'other');
				succeeded(await setStatus(ctx, { status: 'busy', message: 'test', userId: other.userId }));
				assert.equal((await infoOf(ctx, other)).statusText, 'test');
			}),
	},
	{
		endpoint: 'users.setStatus',
		title: 'should return an error when the user try to update user status with an invalid status',
		source: e2e('should return an error when the user try to update user status with an invalid status'),
		async run(ctx) {
			const res = await setStatus(ctx, { status: 'invalid', userId: sharedUser(ctx, 'other').userId });
			refused(res, 400, 'Valid status types include online, away, offline, and busy. [error-invalid-status]');
			assert.equal(res.body.errorType, 'error-invalid-status');
		},
	},
	{
		endpoint: 'users.setStatus',
		title: 'should return an error when user changes status to offline and "Accounts_AllowInvisibleStatusOption" is disabled',
		source: e2e('should return an error when user changes status to offline and "Accounts_AllowInvisibleStatusOption" is disabled'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowInvisibleStatusOption: false }, async () => {
				const res = await setStatus(ctx, { status: 'offline', userId: sharedUser(ctx, 'other').userId });
				refused(res, 400, 'Invisible status is disabled [error-status-not-allowed]');
				assert.equal(res.body.errorType, 'error-status-not-allowed');
			}),
	},
	{
		endpoint: 'users.setStatus',
		title: 'should return an error when the payload is missing all supported fields',
		source: e2e('should return an error when the payload is missing all supported fields'),
		async run(ctx) {
			refused(await setStatus(ctx, {}), 400, 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');
		},
	},
	{
		endpoint: 'users.setStatus',
		title: 'the message is saved trimmed and cut to 120 characters',
		source: fn(SET_STATUS_TEXT, 'setStatusText'),
		async run(ctx) {
			const other = sharedUser(ctx, 'other');
			const long = `${'0123456789'.repeat(13)}!`;
			succeeded(await setStatus(ctx, { message: `   ${long}  `, userId: other.userId }));
			assert.equal((await infoOf(ctx, other)).statusText, long.slice(0, 120));
		},
	},
	{
		endpoint: 'users.setStatus',
		title: 'another user that does not exist: error-invalid-user',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await setStatus(ctx, { status: 'away', userId: 'n8n-conformance-nobody' });
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.setStatus',
		title: 'an expiresAt in the past is refused from 8.6; before 8.6 the parameter is not read',
		source: fn(USERS_API, 'users.setStatus: expiresAt (8.6.0)'),
		async run(ctx) {
			const res = await setStatus(ctx, { status: 'away', expiresAt: new Date(Date.now() - 60_000).toISOString(), userId: sharedUser(ctx, 'other').userId });
			if (serverHas(ctx, 'statusExpiry')) refused(res, 400, 'expiresAt must be a future date [error-invalid-date]');
			else succeeded(res);
		},
	},
	{
		endpoint: 'users.getStatus',
		title: 'a status set with expiresAt reports statusExpiresAt and statusSource from 8.6',
		source: fn(USERS_API, 'users.getStatus (8.6.0: statusSource, statusExpiresAt)'),
		async run(ctx) {
			const other = sharedUser(ctx, 'other');
			const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
			succeeded(await setStatus(ctx, { status: 'away', expiresAt, userId: other.userId }));
			const res = succeeded(await get(ctx, 'users.getStatus', { userId: other.userId }));
			if (serverHas(ctx, 'statusExpiry')) {
				assert.equal(res.body.statusExpiresAt, expiresAt);
				assert.equal(res.body.statusSource, 'manual');
			} else assert.deepEqual([res.body.statusExpiresAt, res.body.statusSource], [undefined, undefined]);
		},
	},
];

export const presenceGroup: CaseGroup = {
	name: 'Presence and status',
	async setup(ctx) {
			// quiet is never changed, so its presence stays what a fresh REST-only login gives.
		ctx.shared.quiet = await ctx.control.createUser();
		ctx.shared.self = await ctx.control.createUser();
		ctx.shared.other = await ctx.control.createUser();
	},
	cases: presenceCases,
};

/* ------------------------------------------------------------------ users.listTeams, moderation.reportUser */

const report = (ctx: CaseContext, body: unknown, as?: Actor | null) => post(ctx, 'moderation.reportUser', body, { as });

const teamAndReportCases: ConformanceCase[] = [
	{
		endpoint: 'users.listTeams',
		title: 'needs a login',
		source: fn(USERS_API, 'users.listTeams (authRequired)'),
		async run(ctx) {
			notLoggedIn(ctx, await get(ctx, 'users.listTeams', { userId: sharedUser(ctx, 'reporter').userId }, { as: null }));
		},
	},
	{
		endpoint: 'users.listTeams',
		title: "without userId: must have required property 'userId'",
		source: fn(USERS_API, 'users.listTeams: isUsersListTeamsProps'),
		async run(ctx) {
			const res = await get(ctx, 'users.listTeams');
			invalidParams(res);
			assert.equal(res.body.error, "must have required property 'userId' [invalid-params]");
		},
	},
	{
		endpoint: 'users.listTeams',
		title: 'a user in no team: an empty list, for the user and for an administrator',
		source: fn(USERS_API, 'users.listTeams → Team.findBySubscribedUserIds'),
		async run(ctx) {
			const reporter = sharedUser(ctx, 'reporter');
			assert.deepEqual(succeeded(await get(ctx, 'users.listTeams', { userId: reporter.userId }, { as: reporter })).body.teams, []);
			assert.deepEqual(succeeded(await get(ctx, 'users.listTeams', { userId: reporter.userId })).body.teams, []);
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'should report an user',
		source: moderationTest('should report an user'),
		async run(ctx) {
			const res = succeeded(await report(ctx, { userId: sharedUser(ctx, 'reported').userId, description: 'sample report' }));
			assert.deepEqual(res.body, { success: true });
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'should fail to report an user if not provided description',
		source: moderationTest('should fail to report an user if not provided description'),
		async run(ctx) {
			const res = await report(ctx, { userId: sharedUser(ctx, 'reported').userId });
			invalidParams(res);
			assert.equal(res.body.error, "must have required property 'description' [invalid-params]");
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'an empty description is refused by the schema (minLength 1)',
		source: fn(MODERATION_API, 'moderation.reportUser: isModerationReportUserPost'),
		async run(ctx) {
			invalidParams(await report(ctx, { userId: sharedUser(ctx, 'reported').userId, description: '' }));
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'a property besides userId and description is refused (additionalProperties: false)',
		source: fn(MODERATION_API, 'moderation.reportUser: isModerationReportUserPost'),
		async run(ctx) {
			const res = await report(ctx, { userId: sharedUser(ctx, 'reported').userId, description: 'spam', reason: 'spam' });
			invalidParams(res);
			assert.equal(res.body.error, 'must NOT have additional properties [invalid-params]');
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'an unknown user: Invalid user id provided.',
		source: fn(MODERATION_API, 'moderation.reportUser'),
		async run(ctx) {
			refused(await report(ctx, { userId: 'n8n-conformance-nobody', description: 'spam' }), 400, 'Invalid user id provided.');
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'any user may report, itself included: the route checks neither a permission nor who is reported',
		source: fn(MODERATION_API, 'moderation.reportUser'),
		async run(ctx) {
			const reporter = sharedUser(ctx, 'reporter');
			succeeded(await report(ctx, { userId: sharedUser(ctx, 'reported').userId, description: 'spam' }, reporter));
			succeeded(await report(ctx, { userId: reporter.userId, description: 'testing myself' }, reporter));
		},
	},
	{
		endpoint: 'moderation.reportUser',
		title: 'needs a login',
		source: fn(MODERATION_API, 'moderation.reportUser (authRequired)'),
		async run(ctx) {
			notLoggedIn(ctx, await report(ctx, { userId: sharedUser(ctx, 'reported').userId, description: 'spam' }, null));
		},
	},
];

export const teamAndReportGroup: CaseGroup = {
	name: 'Teams of a user and reporting a user',
	async setup(ctx) {
			ctx.shared.reporter = await ctx.control.createUser();
		ctx.shared.reported = await ctx.control.createUser();
	},
	cases: teamAndReportCases,
};

export const PROFILE_GROUPS: CaseGroup[] = [setAvatarGroup, resetAvatarGroup, avatarRouteGroup, presenceGroup, teamAndReportGroup];
