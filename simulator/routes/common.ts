/** Route definition types and helpers shared by the route modules. */
import { MeteorError, type ApiResponse } from '../errors';
import type { MultipartPart } from '../multipart';
import type { Query } from '../query';
import { hashLoginToken, sha256Hex, type SimState } from '../state';
import type { TwoFactorOptions } from '../twoFactor';
import type { Behaviour } from '../versions';
import type { SimLoginToken, SimUser } from '../types';

export interface RawResponse {
	status: number;
	raw: Buffer | string;
	contentType: string;
	headers?: Record<string, string>;
}

export type RouteResult = ApiResponse | RawResponse;

export interface RouteContext {
	state: SimState;
	method: string;
	path: string;
	/** Path parameters (e.g. subject of /avatar/:subject). */
	params: Record<string, string>;
	query: Query;
	/** Parsed JSON or urlencoded body; {} when absent. */
	body: Record<string, unknown>;
	parts?: MultipartPart[];
	contentType: string;
	/** Lower-cased request headers. */
	headers: Record<string, string>;
	ip: string;
	/** Base URL of the simulator (Site_Url), e.g. http://127.0.0.1:3000 */
	baseUrl: string;
	version: string;
	/** Set on authenticated requests. */
	user?: SimUser;
	token?: SimLoginToken;
	plainToken?: string;
}

/** A context whose user is known (authRequired routes). */
export type AuthedContext = RouteContext & { user: SimUser; token: SimLoginToken; plainToken: string };

export interface RouteDef {
	method: 'GET' | 'POST' | 'DELETE';
	/** '/api/v1/users.info', or with one trailing parameter: '/avatar/:subject'. */
	path: string;
	auth: 'required' | 'none' | 'optional';
	/** authRequired from the release where this behaviour of versions.ts holds (before: `auth`). */
	authRequiredFrom?: Behaviour;
	twoFactor?: TwoFactorOptions;
	/** twoFactorRequired only from the release where this behaviour of versions.ts holds. */
	twoFactorFrom?: Behaviour;
	/** The route's `license` option: the enterprise module it needs. */
	licence?: 'device-management';
	/** permissionsRequired: all of a list, or { any } for hasAny. */
	permissions?: string[] | { any: string[] };
	/**
	 * Which limiter applies when rate limiting is on: 'register' = Rate_Limiter_Limit_RegisterUser; an object = the
	 * route's own rateLimiterOptions from the release where `since` holds (before: the default limiter).
	 */
	rateLimit?: 'default' | 'register' | { calls: number; windowMs: number; since: Behaviour };
	/** validateParams: returns ajv-style messages; non-empty = 400 invalid-params. */
	validate?: (ctx: RouteContext) => string[];
	handler: (ctx: RouteContext) => RouteResult;
}

/** API.v1.success(result) */
export function ok(body: Record<string, unknown> = {}): ApiResponse {
	return { status: 200, body: { ...body, success: true } };
}

export function authed(ctx: RouteContext): AuthedContext {
	if (!ctx.user || !ctx.token || ctx.plainToken === undefined) throw new Error('route needs an authenticated user');
	return ctx as AuthedContext;
}

export function can(ctx: RouteContext, permission: string): boolean {
	return ctx.user !== undefined && ctx.state.hasPermission(ctx.user.roles, permission);
}

export function str(v: unknown): string | undefined {
	if (Array.isArray(v)) return str(v[0]);
	return typeof v === 'string' ? v : undefined;
}

/** Helpers that produce ajv-like messages for validateParams. */
export const v = {
	required(obj: Record<string, unknown>, ...keys: string[]): string[] {
		return keys.filter((k) => obj[k] === undefined || obj[k] === null).map((k) => `must have required property '${k}'`);
	},
	type(obj: Record<string, unknown>, key: string, type: 'string' | 'boolean' | 'number' | 'integer' | 'object' | 'array'): string[] {
		const val = obj[key];
		if (val === undefined) return [];
		const okType =
			type === 'integer'
				? typeof val === 'number' && Number.isInteger(val)
				: type === 'array'
					? Array.isArray(val)
					: type === 'object'
						? typeof val === 'object' && val !== null && !Array.isArray(val)
						: typeof val === type;
		return okType ? [] : [`must be ${type}`];
	},
	noExtra(obj: Record<string, unknown>, allowed: string[]): string[] {
		return Object.keys(obj).some((k) => !allowed.includes(k)) ? ['must NOT have additional properties'] : [];
	},
};

/** getUserFromParams: userId | username | user in the body or query. */
export function getUserFromParams(ctx: RouteContext, params: Record<string, unknown>): SimUser {
	const userId = str(params.userId)?.trim();
	const username = str(params.username)?.trim() ?? str(params.user)?.trim();
	let user: SimUser | undefined;
	if (userId) user = ctx.state.userById(userId);
	else if (username) user = ctx.state.userByUsername(username);
	else throw new MeteorError('error-user-param-not-provided', 'The required "userId" or "username" param was not provided');
	if (!user) throw new MeteorError('error-invalid-user', 'The required "userId" or "username" param provided does not match any users');
	return user;
}

/** isUserFromParams: no user given, or the caller named itself. */
export function isUserFromParams(ctx: RouteContext, params: Record<string, unknown>): boolean {
	const me = ctx.user;
	if (!me) return false;
	const userId = str(params.userId);
	const username = str(params.username) ?? str(params.user);
	return (!userId && !username) || userId === me._id || username === me.username;
}

export function primaryEmail(u: SimUser): string | undefined {
	return u.emails[0]?.address;
}

/**
 * The user document as Users.findOneById returns it. `withServices`: the full document (users.create and
 * users.update answer with `findOneById(id, { projection: fields })`, no projection unless `fields` is asked for).
 */
export function userDocument(u: SimUser, withServices = false): Record<string, unknown> {
	return {
		...(withServices ? { services: userServices(u) } : {}),
		_id: u._id,
		createdAt: u.createdAt,
		username: u.username,
		emails: u.emails.map((e) => ({ ...e })),
		type: u.type,
		status: u.status,
		active: u.active,
		inactiveReason: u.inactiveReason,
		roles: [...u.roles],
		name: u.name,
		_updatedAt: u._updatedAt,
		lastLogin: u.lastLogin,
		statusConnection: u.statusConnection,
		statusDefault: u.statusDefault,
		statusText: u.statusText,
		utcOffset: u.utcOffset,
		nickname: u.nickname,
		bio: u.bio,
		language: u.language,
		requirePasswordChange: u.requirePasswordChange,
		customFields: u.customFields,
		avatarETag: u.avatar?.etag,
		freeSwitchExtension: u.freeSwitchExtension,
		settings: { preferences: { ...u.preferences } },
	};
}

/**
 * `user.services` as the server stores it (core-typings IUserServices): bcrypt hash, e-mail verification
 * tokens, hashed login tokens and PATs, TOTP secret and backup codes, e-mail 2FA and a pending e-mail code. The
 * simulator keeps plain passwords; the hashes here are stand-ins of the same shape.
 */
export function userServices(u: SimUser): Record<string, unknown> {
	const services: Record<string, unknown> = {};
	if (u.password !== undefined) services.password = { bcrypt: `$2b$10$${hashLoginToken(u.password).slice(0, 53)}` };
	const unverified = u.emails.filter((e) => !e.verified);
	if (unverified.length > 0) {
		services.email = { verificationTokens: unverified.map((e) => ({ token: sha256Hex(`${u._id}:${e.address}`).slice(0, 43), address: e.address, when: u.createdAt })) };
	}
	services.resume = {
		loginTokens: u.loginTokens.map((t) =>
			t.type === 'personalAccessToken'
				? { hashedToken: t.hashedToken, type: t.type, createdAt: t.createdAt, name: t.name, lastTokenPart: t.lastTokenPart, bypassTwoFactor: t.bypassTwoFactor, twoFactorAuthorizedUntil: t.twoFactorAuthorizedUntil, twoFactorAuthorizedHash: t.twoFactorAuthorizedHash }
				: { hashedToken: t.hashedToken, when: t.createdAt, twoFactorAuthorizedUntil: t.twoFactorAuthorizedUntil, twoFactorAuthorizedHash: t.twoFactorAuthorizedHash },
		),
	};
	if (u.totp) services.totp = { enabled: u.totp.enabled, secret: u.totp.secret, hashedBackup: [sha256Hex(`${u.totp.secret}:backup`)] };
	if (u.email2fa) services.email2fa = { enabled: u.email2fa.enabled, changedAt: u.email2fa.changedAt };
	if (u.emailCode) services.emailCode = { code: u.emailCode.code, expire: u.emailCode.expire, attempts: u.emailCode.invalidAttempts };
	return services;
}
