/** Avatar routes: the /avatar/{subject} image endpoint plus users.getAvatar / setAvatar / resetAvatar. */
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

/** GET /avatar/{subject}: uploaded bytes as stored, otherwise a generated letter avatar in the requested format. */
function serveAvatar(ctx: RouteContext): RawResponse {
	const subject = ctx.params.subject ?? '';
	const size = clampSize(first(ctx.query, 'size'));
	const format = first(ctx.query, 'format')?.toLowerCase();
	const headers: Record<string, string> = { 'Cache-Control': 'public, max-age=0' };

	const user = subject.startsWith('@') ? undefined : ctx.state.userByUsername(subject);
	if (user?.avatar?.origin === 'upload' && user.avatar.data) {
		headers.ETag = `"${user.avatar.etag}"`;
		headers['Last-Modified'] = user.avatar.updatedAt.toUTCString();
		if (ctx.headers['if-none-match'] === headers.ETag) return { status: 304, raw: '', contentType: user.avatar.contentType ?? 'image/png', headers };
		return { status: 200, raw: user.avatar.data, contentType: user.avatar.contentType ?? 'application/octet-stream', headers };
	}
	const text = user?.name ?? subject;
	const rgb = hexToRgb(avatarColor(subject.replace(/^@/, '')));
	if (format === 'png') return { status: 200, raw: solidPng(size, size, rgb), contentType: 'image/png', headers };
	if (format === 'jpg' || format === 'jpeg') return { status: 200, raw: solidJpeg(size, size, rgb), contentType: 'image/jpeg', headers };
	return { status: 200, raw: letterAvatarSvg(subject.startsWith('@') ? subject : text || subject, size), contentType: 'image/svg+xml', headers };
}

function storeUpload(ctx: RouteContext, user: SimUser, data: Buffer, contentType: string, service?: string): void {
	const now = ctx.state.now();
	user.avatar = { origin: 'upload', data, contentType, etag: ctx.state.rng.id(), service, updatedAt: now };
	user._updatedAt = now;
	ctx.state.touch();
}

export const avatarRoutes: RouteDef[] = [
	{ method: 'GET', path: '/avatar/:subject', auth: 'none', handler: serveAvatar },
	{ method: 'GET', path: '/api/v1/avatar/:subject', auth: 'none', handler: serveAvatar },
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
