/**
 * The conformance suite's HTTP client: plain fetch against a base URL, with X-User-Id /
 * X-Auth-Token of whoever a case acts as. Nothing here knows whether the target is the
 * simulator or a real Rocket.Chat server.
 */
import { createHash } from 'node:crypto';

export interface Target {
	/** e.g. https://chat.example.com (no trailing slash needed) */
	url: string;
	/** An administrator's user id and personal access token or login token. */
	userId: string;
	token: string;
	/** The administrator's password: its SHA-256 is the second factor of 2FA-gated routes. */
	password?: string;
}

export interface Actor {
	userId: string;
	authToken: string;
	/** Plain password, for the password second factor. */
	password?: string;
}

/**
 * Routes a newer release gates with the second factor (versions.ts createTwoFactorGated): the case helpers send
 * the actor's password code with them on every release (a server without the gate ignores it).
 */
export const GATED_ON_NEWER_RELEASES: ReadonlySet<string> = new Set(['users.create', 'users.createToken']);

export interface CallOptions {
	as?: Actor | null;
	query?: Record<string, string | number>;
	body?: unknown;
	headers?: Record<string, string>;
	/** Send the actor's password as the second factor (x-2fa-code / x-2fa-method: password). */
	twoFactor?: boolean;
}

export interface Answer {
	status: number;
	/** Cases read the JSON fields of the answer one by one. */
	body: any;
}

/** The x-2fa-code for method 'password': lowercase hex SHA-256 of the password. */
export function passwordCode(password: string): string {
	return createHash('sha256').update(password).digest('hex');
}

/** An answer outside the REST API (the avatar image routes): status, headers and the bytes. */
export interface RawAnswer {
	status: number;
	headers: Headers;
	bytes: Buffer;
}

export class Client {
	readonly base: string;
	readonly admin: Actor;

	constructor(readonly target: Target) {
		this.base = target.url.replace(/\/+$/, '');
		this.admin = { userId: target.userId, authToken: target.token, password: target.password };
	}

	async call(method: 'GET' | 'POST' | 'DELETE', path: string, options: CallOptions = {}): Promise<Answer> {
		const url = new URL(`${this.base}/api/${path.startsWith('v1/') || path === 'info' ? path : `v1/${path}`}`);
		for (const [k, val] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(val));
		const as = options.as === undefined ? this.admin : options.as;
		const headers: Record<string, string> = { 'user-agent': 'n8n-nodes-rocketchat conformance', ...options.headers };
		if (as) Object.assign(headers, { 'X-User-Id': as.userId, 'X-Auth-Token': as.authToken });
		if (options.twoFactor && as?.password) Object.assign(headers, { 'x-2fa-code': passwordCode(as.password), 'x-2fa-method': 'password' });
		let payload: string | FormData | undefined;
		// A FormData body goes as multipart/form-data (fetch sets the boundary).
		if (options.body instanceof FormData) payload = options.body;
		else if (options.body !== undefined) {
			headers['content-type'] = 'application/json';
			payload = JSON.stringify(options.body);
		}
		const res = await fetch(url, { method, headers, body: payload, redirect: 'manual' });
		const text = await res.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			// Not JSON (an HTML error page): keep the text for the failure message.
		}
		return { status: res.status, body };
	}

	/** A GET of a web-app path such as /avatar/{username}: no REST auth headers, which those routes ignore anyway. */
	async fetchRaw(path: string, options: { query?: Record<string, string | number>; headers?: Record<string, string> } = {}): Promise<RawAnswer> {
		const url = new URL(`${this.base}${path}`);
		for (const [k, val] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(val));
		const res = await fetch(url, { headers: { 'user-agent': 'n8n-nodes-rocketchat conformance', ...options.headers }, redirect: 'manual' });
		return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
	}
}
