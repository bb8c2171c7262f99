/** Avatar routes: the /avatar/{subject} and /avatar/uid/{userId} image routes plus users.getAvatar / setAvatar / resetAvatar. */
import { MeteorError, failure, forbidden } from '../errors';
import { first } from '../query';
import { avatarColor, hexToRgb, letterAvatarSvg, solidJpeg, solidPng } from '../images';
import type { SimUser } from '../types';
import { authed, can, getUserFromParams, isUserFromParams, ok, str, type RawResponse, type RouteContext, type RouteDef } from './common';

function clampSize(raw: string | undefined): number {
	const n = raw === undefined ? 200 : parseInt(raw, 10);
	if (!Number.isFinite(n) || n <= 0) return 200;
	return Math.min(n, 1024);
}

/** FALLBACK_LAST_MODIFIED of server/routes/avatar/utils.ts: the Last-Modified of every generated letter avatar. */
const LETTER_LAST_MODIFIED = 'Thu, 01 Jan 2015 00:00:00 GMT';

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

function letterAvatar(ctx: RouteContext, text: string, size: number, format: string | undefined, headers: Record<string, string>): RawResponse {
	const rgb = hexToRgb(avatarColor(text.replace(/^@/, '')));
	if (format === 'png') return { status: 200, raw: solidPng(size, size, rgb), contentType: 'image/png', headers };
	if (format === 'jpg' || format === 'jpeg') return { status: 200, raw: solidJpeg(size, size, rgb), contentType: 'image/jpeg', headers };
	return { status: 200, raw: letterAvatarSvg(text, size), contentType: 'image/svg+xml', headers };
}

/**
 * GET /avatar/{username} (also `@name`: always the letters) and /avatar/uid/{userId}: uploaded bytes as stored,
 * otherwise a generated letter avatar in the requested format. A blocked anonymous request gets the auth
 * middleware's fallback: an SVG of 200 px without cache headers.
 */
function serveAvatar(ctx: RouteContext, user: SimUser | undefined, subject: string): RawResponse {
	if (!canAccessAvatar(ctx)) return { status: 200, raw: letterAvatarSvg(subject, 200), contentType: 'image/svg+xml', headers: {} };
	const size = clampSize(first(ctx.query, 'size'));
	const format = first(ctx.query, 'format')?.toLowerCase();
	const headers: Record<string, string> = { 'Cache-Control': 'public, max-age=0', 'Content-Disposition': 'inline' };
	if (user?.avatar?.origin === 'upload' && user.avatar.data) {
		headers.ETag = `"${user.avatar.etag}"`;
		headers['Last-Modified'] = user.avatar.updatedAt.toUTCString();
		headers['Content-Security-Policy'] = "default-src 'none'";
		if (ctx.headers['if-none-match'] === headers.ETag) return { status: 304, raw: '', contentType: user.avatar.contentType ?? 'image/png', headers };
		return { status: 200, raw: user.avatar.data, contentType: user.avatar.contentType ?? 'application/octet-stream', headers };
	}
	headers['Last-Modified'] = LETTER_LAST_MODIFIED;
	return letterAvatar(ctx, subject.startsWith('@') ? subject : user?.name || subject, size, format, headers);
}

function avatarByUsername(ctx: RouteContext): RawResponse {
	const subject = ctx.params.subject ?? '';
	return serveAvatar(ctx, subject.startsWith('@') ? undefined : ctx.state.userByUsername(subject), subject);
}

function avatarByUserId(ctx: RouteContext): RawResponse {
	const user = ctx.state.userById(ctx.params.userId ?? '');
	if (!user) return { status: 404, raw: '', contentType: 'text/plain', headers: {} };
	return serveAvatar(ctx, user, user.username);
}

function storeUpload(ctx: RouteContext, user: SimUser, data: Buffer, contentType: string, service?: string): void {
	const now = ctx.state.now();
	user.avatar = { origin: 'upload', data, contentType, etag: ctx.state.rng.id(), service, updatedAt: now };
	user._updatedAt = now;
	ctx.state.touch();
}

export const avatarRoutes: RouteDef[] = [
	// Served by the web app (server/routes/avatar/index.ts), not under /api/v1: /api/v1/avatar/… is an unknown API route.
	{ method: 'GET', path: '/avatar/uid/:userId', auth: 'none', handler: avatarByUserId },
	{ method: 'GET', path: '/avatar/:subject', auth: 'none', handler: avatarByUsername },
	{
		method: 'GET',
		path: '/api/v1/users.getAvatar',
		auth: 'none',
		handler: (ctx) => {
			const user = getUserFromParams(ctx, ctx.query);
			const url = `${ctx.baseUrl}/avatar/${encodeURIComponent(user.username)}`;
			return { status: 307, body: url, headers: { Location: url } };
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.setAvatar',
		auth: 'required',
		handler: (ctx) => {
			const { state } = ctx;
			const canEditOthers = can(ctx, 'edit-other-user-avatar');
			let user: SimUser | undefined;
			if (isUserFromParams(ctx, ctx.body)) user = authed(ctx).user;
			else if (canEditOthers) user = getUserFromParams(ctx, ctx.body);
			if (!user) throw forbidden(ctx.version);

			const avatarUrl = str(ctx.body.avatarUrl);
			if (avatarUrl) {
				// The real server downloads the URL; the simulator only records it.
				user.avatar = { origin: 'url', url: avatarUrl, etag: state.rng.id(), updatedAt: state.now() };
				user._updatedAt = state.now();
				state.touch();
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
			storeUpload(ctx, user, image.data, image.contentType ?? 'application/octet-stream', field('service'));
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/users.resetAvatar',
		auth: 'required',
		handler: (ctx) => {
			const user = getUserFromParams(ctx, ctx.body);
			if (!(user._id === ctx.user?._id || can(ctx, 'edit-other-user-avatar') || can(ctx, 'manage-moderation-actions'))) {
				throw new MeteorError('error-not-allowed', 'Reset avatar is not allowed', { method: 'users.resetAvatar' });
			}
			user.avatar = undefined;
			user._updatedAt = ctx.state.now();
			ctx.state.touch();
			return ok();
		},
	},
];
