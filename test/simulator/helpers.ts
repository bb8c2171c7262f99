/** Tiny fetch wrapper for simulator tests. */
import type { Simulator } from '../../simulator/server';

/** Response bodies are asserted field by field in tests, so they stay loosely typed. */
export type LooseBody = any;

export interface CallOptions {
	query?: Record<string, string | number | boolean | string[]>;
	body?: unknown;
	/** Credentials to send as X-User-Id / X-Auth-Token. */
	as?: { userId: string; authToken: string };
	headers?: Record<string, string>;
	redirect?: 'follow' | 'manual';
}

export interface CallResult<T = LooseBody> {
	status: number;
	body: T;
	headers: Headers;
	raw: Buffer;
}

export const FIXED_NOW = new Date('2026-06-01T12:00:00.000Z');

export async function call<T = LooseBody>(sim: Simulator, method: 'GET' | 'POST' | 'DELETE', path: string, opts: CallOptions = {}): Promise<CallResult<T>> {
	const url = new URL(path.startsWith('/') ? path : `/api/v1/${path}`, sim.url);
	for (const [k, v] of Object.entries(opts.query ?? {})) {
		if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, item);
		else url.searchParams.set(k, String(v));
	}
	const headers: Record<string, string> = { ...(opts.as ? sim.authHeaders(opts.as) : {}), ...opts.headers };
	let body: RequestInit['body'];
	if (opts.body instanceof FormData) body = opts.body;
	else if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(url, { method, headers, body, redirect: opts.redirect ?? 'manual' });
	const raw = Buffer.from(await res.arrayBuffer());
	const type = res.headers.get('content-type') ?? '';
	const parsed = type.includes('json') && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8');
	return { status: res.status, body: parsed as T, headers: res.headers, raw };
}

export function twoFactorHeaders(code: string, method: 'password' | 'totp' | 'email'): Record<string, string> {
	return { 'x-2fa-code': code, 'x-2fa-method': method };
}
