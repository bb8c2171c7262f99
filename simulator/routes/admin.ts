/**
 * Rocket.Chat's own administration routes the conformance suite drives: POST /api/v1/login,
 * permissions.listAll / permissions.update and GET/POST settings/:_id (only the settings in
 * simulator/settings.ts). Through these the same suite sets up the simulator and a real server.
 */
import { failure, notFound } from '../errors';
import { hashLoginToken } from '../state';
import { readSetting, writeSetting } from '../settings';
import { verifyTotp } from '../totp';
import type { SimDevice } from '../types';
import { authed, ok, str, userDocument, v, type RouteDef } from './common';
import { has } from '../versions';

/**
 * A rough stand-in for the server's UAParser: the browser and OS names a login's user-agent gives
 * its session; anything else is an 'other' device without a name, as on the server.
 */
export function deviceFromUserAgent(ua: string): SimDevice {
	const browser = [/Edg\//.test(ua) && 'Edge', /Firefox\//.test(ua) && 'Firefox', /Chrome\//.test(ua) && 'Chrome', /Safari\//.test(ua) && 'Safari'].find(Boolean) || '';
	const os = [/Windows/.test(ua) && 'Windows', /Android/.test(ua) && 'Android', /(iPhone|iPad)/.test(ua) && 'iOS', /Mac OS X/.test(ua) && 'Mac OS', /Linux/.test(ua) && 'Linux'].find(Boolean) || '';
	const version = browser ? (new RegExp(`${browser === 'Edge' ? 'Edg' : browser}/([\\d.]+)`).exec(ua)?.[1] ?? '') : '';
	return { type: browser ? 'browser' : 'other', name: browser, longVersion: version, version: version.split('.').slice(0, 3).join('.'), os: { name: os, version: '' } };
}

/**
 * A failed REST login (ApiClass login route): API.v1.unauthorized() with, until the 9.0 error switch, the Restivus keys
 * merged in ({ status: 'error', error, message, details }); from 9.0 only { success: false, error: 'unauthorized' }.
 */
function loginError(version: string, error: string, message: string, details?: Record<string, unknown>) {
	if (has(version, 'apiErrorFormatV2')) return { status: 401, body: { success: false, error: 'unauthorized' } };
	return { status: 401, body: { success: false, status: 'error', error, message, ...(details ? { details } : {}) } };
}

export const adminRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/api/v1/login',
		auth: 'none',
		handler: (ctx) => {
			const { state } = ctx;
			const body = ctx.body;
			// A resume login proves a login token already held: the same token comes back, no new session.
			const resume = str(body.resume);
			if (resume !== undefined) {
				const hashed = hashLoginToken(resume);
				const holder = state.users.find((u) => u.active && u.loginTokens.some((t) => t.type === 'login' && t.hashedToken === hashed));
				if (!holder) return loginError(ctx.version, 'Unauthorized', 'Unauthorized');
				holder.lastLogin = state.now();
				state.touch();
				return { status: 200, body: { status: 'success', data: { userId: holder._id, authToken: resume, me: userDocument(holder) } } };
			}
			const name = str(body.user) ?? str(body.username) ?? str(body.email);
			const password = str(body.password);
			const user = name ? (state.userByUsername(name) ?? state.userByEmail(name)) : undefined;
			if (!user || password === undefined || user.password === undefined || user.password !== password || !user.active) return loginError(ctx.version, 'Unauthorized', 'Unauthorized');
			if (state.settings.twoFactorEnabled && user.totp?.enabled) {
				const code = str(body.code);
				if (!code) return loginError(ctx.version, 'totp-required', 'TOTP Required', { method: 'totp' });
				if (!verifyTotp(user.totp.secret, code, state.now().getTime())) return loginError(ctx.version, 'totp-invalid', 'TOTP Invalid', { method: 'totp' });
			}
			// A login is a new session in Device Management and moves lastLogin (SAUMonitor + Accounts.onLogin).
			const { authToken } = state.addSession({ userId: user._id, ip: ctx.ip, device: deviceFromUserAgent(ctx.headers['user-agent'] ?? '') });
			user.lastLogin = state.now();
			state.touch();
			return { status: 200, body: { status: 'success', data: { userId: user._id, authToken, me: userDocument(user) } } };
		},
	},
	{
		method: 'GET',
		path: '/api/v1/permissions.listAll',
		auth: 'required',
		handler: (ctx) => {
			const update = Object.entries(ctx.state.permissions).map(([_id, roles]) => ({ _id, roles: [...roles], _updatedAt: new Date(0).toISOString() }));
			return ok({ update, remove: [] });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/permissions.update',
		auth: 'required',
		permissions: ['access-permissions'],
		validate: (ctx) => {
			const errors = [...v.required(ctx.body, 'permissions')];
			if (errors.length) return errors;
			const list = ctx.body.permissions;
			if (!Array.isArray(list)) return ['must be array'];
			return list.flatMap((p) => (p && typeof p === 'object' && typeof (p as { _id?: unknown })._id === 'string' && Array.isArray((p as { roles?: unknown }).roles) ? [] : ["must have required property '_id'"]));
		},
		handler: (ctx) => {
			const { state } = ctx;
			authed(ctx);
			const list = ctx.body.permissions as Array<{ _id: string; roles: unknown[] }>;
			const roleIds = new Set(state.roles.map((r) => r._id));
			for (const p of list) {
				if (state.permissions[p._id] === undefined) throw failure('Invalid permission');
				if (!p.roles.every((r) => typeof r === 'string' && roleIds.has(r))) throw failure('Invalid role');
			}
			for (const p of list) state.permissions[p._id] = (p.roles as string[]).slice();
			state.touch();
			return ok({ permissions: list.map((p) => ({ _id: p._id, roles: [...state.permissions[p._id]] })) });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/settings/:_id',
		auth: 'required',
		permissions: ['view-privileged-setting'],
		handler: (ctx) => {
			const id = ctx.params._id;
			const value = readSetting(ctx.state, id);
			if (value === undefined) throw notFound();
			return ok({ _id: id, value });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/settings/:_id',
		auth: 'required',
		permissions: ['edit-privileged-setting'],
		validate: (ctx) => v.required(ctx.body, 'value'),
		handler: (ctx) => {
			const id = ctx.params._id;
			if (readSetting(ctx.state, id) === undefined) throw notFound();
			const error = writeSetting(ctx.state, id, ctx.body.value);
			if (error) throw failure(error);
			ctx.state.touch();
			return ok();
		},
	},
];
