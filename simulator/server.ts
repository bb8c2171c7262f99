/**
 * Rocket.Chat REST simulator: HTTP plumbing, routing, auth, rate limiter, 2FA gate, fault and
 * latency injection and the request log. Endpoint behaviour lives in routes/*, data in state.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { URL } from 'node:url';

import { invalidParams, licenceMissing, missingPermission, notLoggedIn, toApiError, tooManyRequests, type ApiResponse } from './errors';
import { settingOn } from './settings';
import { parseMultipart } from './multipart';
import { Prng } from './prng';
import type { RemoteUrls } from './remote';
import type { Query } from './query';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { avatarRoutes } from './routes/avatar';
import { infoRoutes } from './routes/info';
import { roomRoutes } from './routes/rooms';
import type { RawResponse, RouteContext, RouteDef, RouteResult } from './routes/common';
import { sessionRoutes } from './routes/sessions';
import { totpRoutes } from './routes/totp';
import { userRoutes } from './routes/users';
import { SimState, hashLoginToken, seedState, sha256Hex, type AddRoomInput, type AddSessionInput, type AddUserInput, type Credentials } from './state';
import { generateTotp } from './totp';
import { NEWEST_RELEASE, has } from './versions';
import { checkTwoFactor } from './twoFactor';
import type { FailNextOptions, FaultKind, FaultOptions, LoggedRequest, RateLimitConfig, SimRoom, SimSession, SimTeam, SimUser } from './types';

export type { Credentials, AddUserInput, AddSessionInput, AddRoomInput } from './state';
export { SimState, hashLoginToken, sha256Hex } from './state';
export { generateTotp, verifyTotp, base32Decode, base32Encode, hotp } from './totp';
export { SAMPLE_JPEG, SAMPLE_PNG } from './images';
export type { RemoteAnswer, RemoteUrls } from './remote';
export { exampleComImages } from './remote';
export * from './types';

export interface SimulatorOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** Only loopback is supported. */
	host?: '127.0.0.1';
	/** PRNG seed for the seeded data (default 1). */
	seed?: number;
	/** Seeded users besides the three credential users (default 50). */
	users?: number;
	/** Clock: a Date or epoch ms freezes time; a function is called for every reading. Default Date.now. */
	now?: Date | number | (() => number);
	/** Delay before every request is handled (ms). */
	latencyMs?: number;
	/** The API rate limiter (API_Enable_Rate_Limiter). Default false. */
	rateLimit?: RateLimitConfig | false;
	/**
	 * The server's per-route limits (users.setStatus 5 / 60 s, users.updateOwnBasicInfo 1 / 60 s, from the release
	 * versions.ts pins) without the default limit on every other route. They also apply whenever `rateLimit` is set.
	 */
	routeRateLimits?: boolean;
	/** true: admins/bots/apps are limited too (default false: api-bypass-rate-limit applies). */
	rateLimitAdmins?: boolean;
	/** users.register's own limiter (Rate_Limiter_Limit_RegisterUser). Default 1 call per 60 s; false disables. */
	registerRateLimit?: RateLimitConfig | false;
	/** Enterprise device-management licence (default true); without it every sessions/* route answers 400 error-action-not-allowed. */
	deviceManagementLicence?: boolean;
	/** CREATE_TOKENS_FOR_USERS_SECRET: from 8.0 users.createToken needs a `secret` equal to it. */
	createTokenSecret?: string;
	/** CREATE_TOKENS_FOR_USERS=true: before 8.0 users.createToken works only with it (default false). */
	createTokensForUsers?: boolean;
	/** Accounts_AllowDeleteOwnAccount (default true). */
	allowDeleteOwnAccount?: boolean;
	/** The Rocket.Chat release answered as (x.y.z; default the newest, versions.ts NEWEST_RELEASE). Every version-dependent behaviour asks versions.ts. */
	serverVersion?: string;
	/** Accounts_TwoFactorAuthentication_Enabled (default true). */
	twoFactorEnabled?: boolean;
	/** Accounts_TwoFactorAuthentication_RememberFor in seconds (default 1800; 0 disables remembering). */
	twoFactorRememberForSeconds?: number;
	/** Accounts_TwoFactorAuthentication_Enforce_Password_Fallback (default true). */
	enforcePasswordFallback?: boolean;
	/** FileUpload_MaxFileSize in bytes (default 100 MiB). */
	maxFileSize?: number;
	/** Accounts_AvatarBlockUnauthenticatedAccess (default true, as on servers since 2024). */
	avatarBlockUnauthenticatedAccess?: boolean;
	/**
	 * What a URL answers when the server downloads it (users.setAvatar `avatarUrl`, users.getAvatarSuggestion),
	 * including the address its host resolves to. Default: no network, every host is unresolvable.
	 */
	remoteUrls?: RemoteUrls;
	/** Extra 2FA-gated REST paths (e.g. '/api/v1/users.createToken'), as a newer server gates them. */
	extraTwoFactorGates?: string[];
	/** Keep at most this many entries in `requests` (oldest dropped; default 10 000; 0 = no log). Benchmarks stay flat. */
	requestLogLimit?: number;
}

export interface Simulator {
	/** e.g. http://127.0.0.1:43123 (no trailing slash). */
	readonly url: string;
	readonly port: number;
	readonly state: SimState;
	readonly requests: LoggedRequest[];
	readonly admin: Credentials;
	readonly plainUser: Credentials;
	readonly totpUser: Credentials & { totpSecret: string };
	close(): Promise<void>;
	clearRequests(): void;
	addUser(input?: AddUserInput): Credentials & { user: SimUser };
	addSession(input: AddSessionInput): { session: SimSession; authToken: string };
	/** Creates a PAT directly (no 2FA); returns the plain token. */
	addPersonalAccessToken(userId: string, name: string, options?: { bypassTwoFactor?: boolean }): string;
	addRoom(input: AddRoomInput): SimRoom;
	addTeam(input: { name: string; ownerId: string; memberIds?: string[]; type?: 0 | 1; extraOwnerIds?: string[] }): SimTeam;
	/** X-User-Id / X-Auth-Token headers for credentials (plus extra headers). */
	authHeaders(credentials: { userId: string; authToken: string }, extra?: Record<string, string>): Record<string, string>;
	/** Current TOTP code of a base32 secret (default: totpUser's) at the simulator clock. */
	totp(secret?: string, atMs?: number): string;
	/** The x-2fa-code for method 'password': lowercase hex SHA-256. */
	passwordCode(password: string): string;
	/** Last e-mail 2FA code sent to the user, if any. */
	lastEmailCode(userId: string): string | undefined;
	now(): number;
	setNow(now: Date | number | (() => number)): void;
	setLatency(ms: number): void;
	/** `routes`: the per-route limits (see SimulatorOptions.routeRateLimits). */
	setRateLimit(limit: RateLimitConfig | false, options?: { admins?: boolean; routes?: boolean }): void;
	setRegisterRateLimit(limit: RateLimitConfig | false): void;
	injectFaults(options: FaultOptions): void;
	failNext(path: string, kind: FaultKind, times?: number, options?: FailNextOptions): void;
	clearFaults(): void;
}

/** Meteor RateLimiter semantics: one window per route (reset lazily), counters per client IP. */
class RouteLimiter {
	private lastReset: number;
	private counters = new Map<string, number>();

	constructor(
		readonly config: RateLimitConfig,
		now: number,
	) {
		this.lastReset = now;
	}

	hit(ip: string, now: number): { allowed: boolean; remaining: number; timeToReset: number } {
		if (now - this.lastReset > this.config.windowMs) {
			this.counters.clear();
			this.lastReset = now;
		}
		const n = (this.counters.get(ip) ?? 0) + 1;
		this.counters.set(ip, n);
		const timeToReset = Math.max(0, this.config.windowMs - (now - this.lastReset));
		if (n > this.config.calls) return { allowed: false, remaining: 0, timeToReset };
		return { allowed: true, remaining: this.config.calls - n, timeToReset };
	}
}

interface PendingFault {
	path: string;
	kind: FaultKind;
	remaining: number;
	afterApply: boolean;
}

const ALL_ROUTES: RouteDef[] = [...userRoutes, ...adminRoutes, ...accountRoutes, ...avatarRoutes, ...sessionRoutes, ...infoRoutes, ...roomRoutes, ...totpRoutes];

function normalizePath(p: string): string {
	return p.replace(/^https?:\/\/[^/]+/, '').replace(/^\/?(api\/v1\/)?/, '');
}

function parseQuery(params: URLSearchParams): Query {
	const out: Query = {};
	for (const [k, val] of params) {
		const prev = out[k];
		out[k] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
	}
	return out;
}

const PROXY_PAGES: Record<string, string> = {
	'502': '502 Bad Gateway',
	'503': '503 Service Temporarily Unavailable',
	'504': '504 Gateway Time-out',
};

function clockFrom(now: SimulatorOptions['now']): () => number {
	if (now === undefined) return () => Date.now();
	if (typeof now === 'function') return now;
	const fixed = now instanceof Date ? now.getTime() : now;
	return () => fixed;
}

class RocketChatSimulator implements Simulator {
	url = '';
	port = 0;
	readonly state: SimState;
	readonly requests: LoggedRequest[] = [];
	readonly admin: Credentials;
	readonly plainUser: Credentials;
	readonly totpUser: Credentials & { totpSecret: string };

	private clock: () => number;
	private server: Server;
	private sockets = new Set<Socket>();
	private seq = 0;
	private latencyMs: number;
	private requestLogLimit: number;
	private rateLimit: RateLimitConfig | false;
	private rateLimitAdmins: boolean;
	private routeRateLimits: boolean;
	private registerRateLimit: RateLimitConfig | false;
	private limiters = new Map<string, RouteLimiter>();
	private faultRule?: { options: FaultOptions; rng: Prng };
	private pendingFaults: PendingFault[] = [];
	private exact = new Map<string, RouteDef>();
	private prefixed: Array<{ method: string; prefix: string; name: string; route: RouteDef }> = [];

	constructor(options: SimulatorOptions) {
		this.clock = clockFrom(options.now);
		const seed = options.seed ?? 1;
		this.latencyMs = options.latencyMs ?? 0;
		this.requestLogLimit = options.requestLogLimit ?? 10_000;
		this.rateLimit = options.rateLimit ?? false;
		this.rateLimitAdmins = options.rateLimitAdmins ?? false;
		this.routeRateLimits = options.routeRateLimits ?? false;
		this.registerRateLimit = options.registerRateLimit ?? { calls: 1, windowMs: 60_000 };
		this.state = new SimState(
			{
				serverVersion: options.serverVersion ?? NEWEST_RELEASE,
				twoFactorEnabled: options.twoFactorEnabled ?? true,
				enforcePasswordFallback: options.enforcePasswordFallback ?? true,
				twoFactorRememberForSeconds: options.twoFactorRememberForSeconds ?? 1800,
				emailCodeExpirationSeconds: 3600,
				maxInvalidEmailCodeAttempts: 5,
				deviceManagementLicence: options.deviceManagementLicence ?? true,
				allowDeleteOwnAccount: options.allowDeleteOwnAccount ?? true,
				createTokenSecret: options.createTokenSecret,
				createTokensForUsers: options.createTokensForUsers ?? false,
				maxFileSize: options.maxFileSize ?? 104_857_600,
				loginExpirationDays: 90,
				avatarBlockUnauthenticatedAccess: options.avatarBlockUnauthenticatedAccess ?? true,
				remoteUrls: options.remoteUrls,
				extraTwoFactorGates: options.extraTwoFactorGates ?? [],
			},
			() => this.clock(),
			seed,
		);
		const creds = seedState(this.state, { seed, users: options.users ?? 50, nowMs: this.clock() });
		this.admin = creds.admin;
		this.plainUser = creds.plainUser;
		this.totpUser = { ...creds.totpUser, totpSecret: creds.totpUser.totpSecret as string };

		for (const route of ALL_ROUTES) {
			const idx = route.path.indexOf('/:');
			if (idx < 0) this.exact.set(`${route.method} ${route.path}`, route);
			else this.prefixed.push({ method: route.method, prefix: route.path.slice(0, idx + 1), name: route.path.slice(idx + 2), route });
		}
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((e: unknown) => {
				if (!res.headersSent) this.send(res, { status: 500, body: { success: false, error: String(e) } });
			});
		});
		this.server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		this.server.on('clientError', (_e, socket) => socket.destroy());
	}

	listen(port: number): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				this.port = (this.server.address() as AddressInfo).port;
				this.url = `http://127.0.0.1:${this.port}`;
				resolve();
			});
		});
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
		});
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	addUser(input?: AddUserInput) {
		return this.state.addUser(input);
	}

	addSession(input: AddSessionInput) {
		return this.state.addSession(input);
	}

	addPersonalAccessToken(userId: string, name: string, options: { bypassTwoFactor?: boolean } = {}): string {
		const user = this.state.userById(userId);
		if (!user) throw new Error(`unknown user ${userId}`);
		const token = this.state.rng.secret();
		this.state.addLoginToken(user, {
			hashedToken: hashLoginToken(token),
			type: 'personalAccessToken',
			createdAt: this.state.now(),
			lastTokenPart: token.slice(-6),
			name,
			bypassTwoFactor: options.bypassTwoFactor === true,
		});
		return token;
	}

	addRoom(input: AddRoomInput): SimRoom {
		return this.state.addRoom(input);
	}

	addTeam(input: { name: string; ownerId: string; memberIds?: string[]; type?: 0 | 1; extraOwnerIds?: string[] }): SimTeam {
		return this.state.addTeam(input);
	}

	authHeaders(c: { userId: string; authToken: string }, extra: Record<string, string> = {}): Record<string, string> {
		return { 'X-User-Id': c.userId, 'X-Auth-Token': c.authToken, ...extra };
	}

	totp(secret: string = this.totpUser.totpSecret, atMs: number = this.clock()): string {
		return generateTotp(secret, { timeMs: atMs });
	}

	passwordCode(password: string): string {
		return sha256Hex(password);
	}

	lastEmailCode(userId: string): string | undefined {
		for (let i = this.state.emailCodesSent.length - 1; i >= 0; i--) if (this.state.emailCodesSent[i].userId === userId) return this.state.emailCodesSent[i].code;
		return undefined;
	}

	now(): number {
		return this.clock();
	}

	setNow(now: Date | number | (() => number)): void {
		this.clock = clockFrom(now);
	}

	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	setRateLimit(limit: RateLimitConfig | false, options: { admins?: boolean; routes?: boolean } = {}): void {
		this.rateLimit = limit;
		if (options.admins !== undefined) this.rateLimitAdmins = options.admins;
		if (options.routes !== undefined) this.routeRateLimits = options.routes;
		this.limiters.clear();
	}

	setRegisterRateLimit(limit: RateLimitConfig | false): void {
		this.registerRateLimit = limit;
		this.limiters.clear();
	}

	injectFaults(options: FaultOptions): void {
		this.faultRule = { options, rng: new Prng(options.seed ?? 1) };
	}

	failNext(path: string, kind: FaultKind, times = 1, options: FailNextOptions = {}): void {
		this.pendingFaults.push({ path: normalizePath(path), kind, remaining: times, afterApply: options.afterApply === true });
	}

	clearFaults(): void {
		this.faultRule = undefined;
		this.pendingFaults = [];
	}

	private pickFault(method: string, path: string): { kind: FaultKind; afterApply: boolean } | undefined {
		const norm = normalizePath(path);
		const pending = this.pendingFaults.find((f) => f.remaining > 0 && f.path === norm);
		if (pending) {
			pending.remaining--;
			if (pending.remaining === 0) this.pendingFaults = this.pendingFaults.filter((f) => f !== pending);
			return { kind: pending.kind, afterApply: pending.afterApply };
		}
		const rule = this.faultRule;
		if (!rule || rule.options.kinds.length === 0) return undefined;
		const { methods, paths } = rule.options;
		if (methods && !methods.map((m) => m.toUpperCase()).includes(method)) return undefined;
		if (paths && !paths.some((p) => (p instanceof RegExp ? p.test(path) : normalizePath(p) === norm))) return undefined;
		if (rule.rng.next() >= rule.options.probability) return undefined;
		return { kind: rule.rng.pick(rule.options.kinds), afterApply: rule.options.afterApply === true };
	}

	private resolveRoute(method: string, path: string): { route: RouteDef; params: Record<string, string> } | undefined {
		const route = this.exact.get(`${method} ${path}`);
		if (route) return { route, params: {} };
		for (const p of this.prefixed) {
			if (p.method === method && path.startsWith(p.prefix) && path.length > p.prefix.length && !path.slice(p.prefix.length).includes('/')) {
				return { route: p.route, params: { [p.name]: decodeURIComponent(path.slice(p.prefix.length)) } };
			}
		}
		return undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAt = Date.now();
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const headers: Record<string, string> = {};
		for (const [k, val] of Object.entries(req.headers)) if (val !== undefined) headers[k.toLowerCase()] = Array.isArray(val) ? val.join(', ') : val;
		// Like getRequestIP: X-Real-IP wins, then the socket address.
		const ip = headers['x-real-ip'] ?? (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
		const contentType = headers['content-type'] ?? '';

		const entry: LoggedRequest = { seq: ++this.seq, method, path, query: parseQuery(url.searchParams), headers, ip, status: null, applied: false, time: this.clock(), durationMs: 0 };
		if (this.requestLogLimit > 0) {
			this.requests.push(entry);
			if (this.requests.length > this.requestLogLimit) this.requests.splice(0, this.requests.length - this.requestLogLimit);
		}

		let body: Record<string, unknown> = {};
		let parseError: string | undefined;
		try {
			if (contentType.toLowerCase().startsWith('multipart/form-data')) {
				entry.parts = parseMultipart(raw, contentType);
			} else if (raw.length > 0 && contentType.toLowerCase().includes('json')) {
				const parsed: unknown = JSON.parse(raw.toString('utf8'));
				entry.body = parsed;
				if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
			} else if (raw.length > 0 && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
				body = parseQuery(new URLSearchParams(raw.toString('utf8')));
				entry.body = body;
			}
		} catch (e) {
			parseError = (e as Error).message;
		}

		if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

		const finish = (status: number | null) => {
			entry.status = status;
			entry.durationMs = Date.now() - startedAt;
		};
		const fault = this.pickFault(method, path);
		if (fault && (fault.kind === '429' || !fault.afterApply)) {
			entry.fault = fault.kind;
			finish(this.sendFault(req, res, fault.kind));
			return;
		}

		const resolved = this.resolveRoute(method, path);
		let result: RouteResult;
		if (!resolved) result = { status: 404, body: { success: false, error: 'Not found' } };
		else if (parseError !== undefined) result = { status: 400, body: { success: false, error: parseError } };
		else {
			const ctx: RouteContext = {
				state: this.state,
				method,
				path,
				params: resolved.params,
				query: entry.query,
				body,
				parts: entry.parts,
				contentType,
				headers,
				ip,
				baseUrl: this.url,
				version: this.state.settings.serverVersion,
			};
			result = this.process(resolved.route, ctx, entry);
		}

		if (fault) {
			entry.fault = fault.kind;
			finish(this.sendFault(req, res, fault.kind));
			return;
		}
		finish(result.status);
		this.send(res, result);
	}

	/**
	 * Runs the server's route wrapper in the order of the release (versions.ts `permissionsMiddleware`):
	 * from 8.3 auth → permissions → licence → rate limit → validateParams → 2FA → handler (Hono middlewares, then the
	 * action); before, the licence first (anonymous calls included), then auth → rate limit → validateParams →
	 * permissions → 2FA → handler.
	 */
	private process(route: RouteDef, ctx: RouteContext, entry: LoggedRequest): RouteResult {
		const version = ctx.version;
		const middlewares = has(version, 'permissionsMiddleware');
		const licensed = !route.licence || this.state.settings.deviceManagementLicence;
		if (!licensed && !middlewares) return licenceMissing();
		const auth = route.authRequiredFrom && has(version, route.authRequiredFrom) ? 'required' : route.auth;
		if (auth !== 'none') {
			const userId = ctx.headers['x-user-id'];
			const token = ctx.headers['x-auth-token'];
			const found = userId && token ? this.state.userByPlainToken(userId, token) : undefined;
			if (found) {
				ctx.user = found.user;
				ctx.token = found.token;
				ctx.plainToken = token;
			} else if (auth === 'required') {
				return notLoggedIn(version);
			}
		}

		if (middlewares) {
			if (!this.permitted(route, ctx)) return missingPermission().response;
			if (!licensed) return licenceMissing();
		}

		const extraHeaders: Record<string, string> = {};
		const limited = this.applyRateLimit(route, ctx, extraHeaders);
		if (limited) return limited;

		try {
			const messages = route.validate?.(ctx) ?? [];
			if (messages.length > 0) throw invalidParams(messages);
			if (!middlewares && !this.permitted(route, ctx)) throw missingPermission();
			const gated = route.twoFactor ?? (route.twoFactorFrom && has(version, route.twoFactorFrom) ? {} : undefined);
			const twoFactor = gated ?? (this.state.settings.extraTwoFactorGates.includes(route.path) ? {} : undefined);
			if (twoFactor && ctx.user) {
				checkTwoFactor(
					this.state,
					ctx.user,
					{ code: ctx.headers['x-2fa-code'], method: ctx.headers['x-2fa-method'], token: ctx.token, userAgent: ctx.headers['user-agent'], clientAddress: ctx.ip },
					twoFactor,
				);
			}
			entry.applied = true;
			const result = route.handler(ctx);
			return { ...result, headers: { ...extraHeaders, ...result.headers } };
		} catch (e) {
			const err = toApiError(e, version);
			return { ...err.response, headers: { ...extraHeaders, ...err.response.headers } };
		}
	}

	/** permissionsRequired: all of a list, or any of `{ any }`; routes without it (or without a user) pass. */
	private permitted(route: RouteDef, ctx: RouteContext): boolean {
		if (!route.permissions || !ctx.user) return true;
		const roles = ctx.user.roles;
		const list = Array.isArray(route.permissions) ? route.permissions : route.permissions.any;
		return Array.isArray(route.permissions) ? list.every((p) => this.state.hasPermission(roles, p)) : list.some((p) => this.state.hasPermission(roles, p));
	}

	private applyRateLimit(route: RouteDef, ctx: RouteContext, headers: Record<string, string>): ApiResponse | undefined {
		if (!route.path.startsWith('/api/v1/') || route.path.startsWith('/api/v1/avatar/')) return undefined;
		const own = typeof route.rateLimit === 'object' && has(ctx.version, route.rateLimit.since) ? route.rateLimit : undefined;
		// A route's own limit applies whenever the limiter is on (`rateLimit`) or the per-route limits alone are asked for.
		const config = route.rateLimit === 'register' ? this.registerRateLimit : own && (this.rateLimit || this.routeRateLimits) ? own : this.rateLimit;
		if (!config) return undefined;
		// api.ts shouldVerifyRateLimit: nothing is limited while API_Enable_Rate_Limiter is off.
		if (!settingOn(this.state, 'API_Enable_Rate_Limiter')) return undefined;
		if (ctx.user && !this.rateLimitAdmins && this.state.hasPermission(ctx.user.roles, 'api-bypass-rate-limit')) return undefined;
		const key = `${route.path}${route.method.toLowerCase()}`;
		let limiter = this.limiters.get(key);
		if (!limiter) this.limiters.set(key, (limiter = new RouteLimiter(config, this.clock())));
		const now = this.clock();
		const r = limiter.hit(ctx.ip, now);
		headers['X-RateLimit-Limit'] = String(config.calls);
		headers['X-RateLimit-Remaining'] = String(r.remaining);
		headers['X-RateLimit-Reset'] = String(now + r.timeToReset);
		if (r.allowed) return undefined;
		return { ...tooManyRequests(Math.ceil(r.timeToReset / 1000)), headers: { ...headers } };
	}

	/** Returns the status sent, or null for a destroyed socket. */
	private sendFault(req: IncomingMessage, res: ServerResponse, kind: FaultKind): number | null {
		if (kind === 'reset') {
			req.socket.destroy();
			return null;
		}
		if (kind === '429') {
			// Indistinguishable from the real limiter: same body, X-RateLimit-* with Reset in epoch ms.
			const config = this.rateLimit || { calls: 10, windowMs: 60_000 };
			const now = this.clock();
			this.send(res, {
				...tooManyRequests(Math.ceil(config.windowMs / 1000)),
				headers: { 'X-RateLimit-Limit': String(config.calls), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(now + config.windowMs) },
			});
			return 429;
		}
		const title = PROXY_PAGES[kind];
		const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
		this.send(res, { status: Number(kind), raw: html, contentType: 'text/html' });
		return Number(kind);
	}

	private send(res: ServerResponse, result: RouteResult): void {
		const headers: Record<string, string> = { ...result.headers };
		let payload: Buffer;
		if ('raw' in result) {
			const r = result as RawResponse;
			payload = typeof r.raw === 'string' ? Buffer.from(r.raw, 'utf8') : r.raw;
			headers['Content-Type'] = r.contentType;
		} else {
			payload = Buffer.from(JSON.stringify(result.body), 'utf8');
			headers['Content-Type'] = 'application/json';
		}
		headers['Content-Length'] = String(payload.length);
		res.writeHead(result.status, headers);
		res.end(result.status === 304 ? undefined : payload);
	}
}

/** Starts a seeded simulator on 127.0.0.1 (random port unless `port` is set). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const sim = new RocketChatSimulator(options);
	await sim.listen(options.port ?? 0);
	return sim;
}
