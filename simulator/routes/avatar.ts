/**
 * Avatar routes: the web app's /avatar/{username} and /avatar/uid/{userId} (server/routes/avatar/) and the REST
 * users.getAvatar / getAvatarSuggestion / setAvatar / resetAvatar (app/api/server/v1/users.ts).
 */
import { createHash } from 'node:crypto';

import { MeteorError, failure, forbidden } from '../errors';
import { avatarColor, hexToRgb, letterAvatarSvg, solidJpeg, solidPng } from '../images';
import { first } from '../query';
import { download, safeToFetch } from '../remote';
import { readSetting, settingOn } from '../settings';
import type { SimUser } from '../types';
import { authed, can, getUserFromParams, isUserFromParams, ok, str, type RawResponse, type RouteContext, type RouteDef } from './common';

/** FALLBACK_LAST_MODIFIED of server/routes/avatar/utils.ts: the Last-Modified of every generated letter avatar. */
const LETTER_LAST_MODIFIED = 'Thu, 01 Jan 2015 00:00:00 GMT';
const MIN_LETTER_SIZE = 16;
const MAX_LETTER_SIZE = 1024;

/** getAvatarSizeFromRequest: no size (or 0, or not a number) is the default 200; anything else is clamped to 16–1024. */
function letterSize(raw: string | undefined): number {
	const n = raw === undefined ? NaN : parseInt(raw, 10);
	if (!n) return 200;
	return Math.min(Math.max(n, MIN_LETTER_SIZE), MAX_LETTER_SIZE);
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
	for (const part of (cookieHeader ?? '').split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) return decodeURIComponent(rest.join('='));
	}
	return undefined;
}

/** userCanAccessAvatar: with Accounts_AvatarBlockUnauthenticatedAccess, rc_uid/rc_token in the query, else the cookie (never the REST headers). */
function canAccessAvatar(ctx: RouteContext): boolean {
	if (!ctx.state.settings.avatarBlockUnauthenticatedAccess) return true;
	let uid = first(ctx.query, 'rc_uid');
	let token = first(ctx.query, 'rc_token');
	if (!uid) {
		uid = cookieValue(ctx.headers.cookie, 'rc_uid');
		token = cookieValue(ctx.headers.cookie, 'rc_token');
	}
	return uid !== undefined && token !== undefined && ctx.state.userByPlainToken(uid, token) !== undefined;
}

/**
 * The auth middleware's answer to a blocked request: the letters of the first path segment after /avatar/
 * (so 'uid' for /avatar/uid/…), 200 px, every initial, before any cache header is set.
 */
function blockedFallback(segment: string): RawResponse {
	return { status: 200, raw: letterAvatarSvg(segment || 'Anonymous', 200, true), contentType: 'image/svg+xml', headers: {} };
}

/** setCacheAndDispositionHeaders: the request's own cacheTime, else Accounts_AvatarCacheTime. */
function cacheHeaders(ctx: RouteContext): Record<string, string> {
	const cacheTime = first(ctx.query, 'cacheTime') || readSetting(ctx.state, 'Accounts_AvatarCacheTime');
	return { 'Cache-Control': `public, max-age=${cacheTime}`, 'Content-Disposition': 'inline' };
}

/**
 * serveSvgAvatarInRequestedFormat. The server renders png/jpg/jpeg from the SVG (sharp) and names the type
 * after the format asked for (`image/jpg` for jpg); the simulator's raster is the avatar colour without letters.
 */
function letterAvatar(ctx: RouteContext, text: string, headers: Record<string, string>): RawResponse {
	const size = letterSize(first(ctx.query, 'size'));
	const format = first(ctx.query, 'format');
	const all = { ...headers, 'Last-Modified': LETTER_LAST_MODIFIED };
	const rgb = hexToRgb(avatarColor(text));
	if (format === 'png') return { status: 200, raw: solidPng(size, size, rgb), contentType: 'image/png', headers: all };
	if (format === 'jpg' || format === 'jpeg') return { status: 200, raw: solidJpeg(size, size, rgb), contentType: `image/${format}`, headers: all };
	return { status: 200, raw: letterAvatarSvg(text, size), contentType: 'image/svg+xml', headers: all };
}

/** serveAvatarFile: the stored bytes as uploaded; an If-Modified-Since of the upload time answers 304. */
function avatarFile(ctx: RouteContext, user: SimUser, headers: Record<string, string>): RawResponse {
	const avatar = user.avatar!;
	const uploadedAt = avatar.updatedAt.toUTCString();
	const all = { ...headers, 'Content-Security-Policy': "default-src 'none'", 'Last-Modified': uploadedAt };
	const contentType = avatar.contentType || 'application/octet-stream';
	if (ctx.headers['if-modified-since'] === uploadedAt) return { status: 304, raw: '', contentType, headers: all };
	return { status: 200, raw: avatar.data!, contentType, headers: all };
}

const hasFile = (user: SimUser | undefined): boolean => user?.avatar?.data !== undefined;
/** wasFallbackModified: a client that already holds the letter avatar (its fixed date) gets 304. */
const holdsLetters = (ctx: RouteContext) => ctx.headers['if-modified-since'] === LETTER_LAST_MODIFIED;
const notModified = (headers: Record<string, string>): RawResponse => ({ status: 304, raw: '', contentType: 'image/svg+xml', headers });

/** userAvatarByUsername: `@name` always the letters; the upload stored under that exact username; else the letters of the name asked for. */
function avatarByUsername(ctx: RouteContext): RawResponse {
	const subject = ctx.params.subject ?? '';
	if (!canAccessAvatar(ctx)) return blockedFallback(subject);
	const headers = cacheHeaders(ctx);
	if (subject.startsWith('@')) return letterAvatar(ctx, subject.slice(1), headers);
	const user = ctx.state.userByUsername(subject);
	if (user && hasFile(user) && user.username === subject) return avatarFile(ctx, user, headers);
	if (holdsLetters(ctx)) return notModified(headers);
	return letterAvatar(ctx, subject, headers);
}

/** userAvatarById: the upload of that user, else (unless the client holds the letters) the letters of the username; 404 for an unknown id. */
function avatarByUserId(ctx: RouteContext): RawResponse {
	if (!canAccessAvatar(ctx)) return blockedFallback('uid');
	const headers = cacheHeaders(ctx);
	const user = ctx.state.userById(ctx.params.userId ?? '');
	if (user && hasFile(user)) return avatarFile(ctx, user, headers);
	if (holdsLetters(ctx)) return notModified(headers);
	if (!user) return { status: 404, raw: '', contentType: 'text/plain', headers };
	return letterAvatar(ctx, user.username, headers);
}

function storeAvatar(ctx: RouteContext, user: SimUser, avatar: { origin: 'upload' | 'url'; data: Buffer; contentType: string; url?: string; service?: string }): void {
	const now = ctx.state.now();
	user.avatar = { ...avatar, etag: ctx.state.rng.id(), updatedAt: now };
	user._updatedAt = now;
	ctx.state.touch();
}

/** setUserAvatar(user, url, '', 'url'): the SSRF check, then the download, which must be a 200 image. */
function avatarFromUrl(ctx: RouteContext, user: SimUser, url: string): void {
	const remote = ctx.state.settings.remoteUrls;
	const invalid = (shown: string) => new MeteorError('error-avatar-invalid-url', `Invalid avatar URL: ${shown}`, { function: 'setUserAvatar', url });
	if (!safeToFetch(url, remote)) throw invalid(encodeURI(url));
	const got = download(url, remote);
	if (!got.ok && got.status === undefined) throw invalid(encodeURI(url));
	if (!got.ok && got.status !== 404) {
		throw new MeteorError('error-avatar-url-handling', `Error while handling avatar setting from a URL (${encodeURI(url)}) for ${user.username}`, {
			function: 'RocketChat.setUserAvatar',
			url,
			username: user.username,
		});
	}
	if (!got.ok || !/image\/.+/.test(got.contentType)) throw invalid(url);
	storeAvatar(ctx, user, { origin: 'url', data: got.data, contentType: got.contentType, url });
}

/** getAvatarSuggestionForUser without OAuth services: a Gravatar per e-mail, kept when it answers 200. */
function avatarSuggestions(ctx: RouteContext, user: SimUser): Record<string, unknown> {
	const suggestions: Record<string, unknown> = {};
	for (const email of user.emails) {
		const hash = createHash('md5').update(email.address.trim().toLowerCase()).digest('hex');
		const url = `https://s.gravatar.com/avatar/${hash}?default=404&size=200`;
		const got = download(url, ctx.state.settings.remoteUrls);
		if (got.ok) suggestions.gravatar = { service: 'gravatar', url, blob: `data:${got.contentType};base64,${got.data.toString('base64')}`, contentType: got.contentType };
	}
	return suggestions;
}

export const avatarRoutes: RouteDef[] = [
	// Served by the web app (server/routes/avatar/index.ts), not under /api/v1: /api/v1/avatar/… is an unknown API route.
	{ method: 'GET', path: '/avatar/uid/:userId', auth: 'none', handler: avatarByUserId },
	{ method: 'GET', path: '/avatar/:subject', auth: 'none', handler: avatarByUsername },
	{
		method: 'GET',
		path: '/api/v1/users.getAvatar',
		auth: 'none',
		authRequiredFrom: 'getAvatarRequiresAuth',
		handler: (ctx) => {
			const user = getUserFromParams(ctx, ctx.query);
			const url = `${ctx.baseUrl}/avatar/${encodeURIComponent(user.username)}`;
			return { status: 307, body: url, headers: { Location: url } };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/users.getAvatarSuggestion',
		auth: 'required',
		handler: (ctx) => ok({ suggestions: avatarSuggestions(ctx, authed(ctx).user) }),
	},
	{
		method: 'POST',
		path: '/api/v1/users.setAvatar',
		auth: 'required',
		handler: (ctx) => {
			const { state } = ctx;
			const canEditOthers = can(ctx, 'edit-other-user-avatar');
			// The setting locks one's own avatar; edit-other-user-avatar overrides it for everybody's.
			if (!settingOn(state, 'Accounts_AllowUserAvatarChange') && !canEditOthers) {
				throw new MeteorError('error-not-allowed', 'Change avatar is not allowed', { method: 'users.setAvatar' });
			}
			let user: SimUser | undefined;
			if (isUserFromParams(ctx, ctx.body)) user = authed(ctx).user;
			else if (canEditOthers) user = getUserFromParams(ctx, ctx.body);
			if (!user) throw forbidden(ctx.version);

			const avatarUrl = str(ctx.body.avatarUrl);
			if (avatarUrl) {
				avatarFromUrl(ctx, user, avatarUrl);
				return ok();
			}
			if (!ctx.contentType.toLowerCase().startsWith('multipart/form-data')) throw failure("The 'image' param is required");
			const image = ctx.parts?.find((p) => p.name === 'image' && p.filename !== undefined) ?? ctx.parts?.find((p) => p.name === 'image');
			if (!image) throw failure("The 'image' param is required");
			if (image.data.length > state.settings.maxFileSize) throw new MeteorError('error-file-too-large', 'File is too large');
			const field = (name: string) => ctx.parts?.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
			const fieldUserId = field('userId');
			const fieldUsername = field('username');
			if (fieldUserId || fieldUsername) {
				user = fieldUserId ? state.userById(fieldUserId) : state.userByUsername(fieldUsername as string);
				if (!user) throw new MeteorError('error-invalid-user', 'The optional "userId" or "username" param provided does not match any users');
				if (user._id !== ctx.user?._id && !canEditOthers) throw new MeteorError('error-not-allowed', 'Not allowed');
			}
			storeAvatar(ctx, user, { origin: 'upload', data: image.data, contentType: image.contentType ?? 'application/octet-stream', service: field('service') });
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.resetAvatar',
		auth: 'required',
		handler: (ctx) => {
			const user = getUserFromParams(ctx, ctx.body);
			// One's own avatar only while Accounts_AllowUserAvatarChange is on; anyone's with either permission.
			const ownAllowed = settingOn(ctx.state, 'Accounts_AllowUserAvatarChange') && user._id === ctx.user?._id;
			if (!ownAllowed && !can(ctx, 'edit-other-user-avatar') && !can(ctx, 'manage-moderation-actions')) {
				throw new MeteorError('error-not-allowed', 'Reset avatar is not allowed', { method: 'users.resetAvatar' });
			}
			user.avatar = undefined;
			user._updatedAt = ctx.state.now();
			ctx.state.touch();
			return ok();
		},
	},
];
