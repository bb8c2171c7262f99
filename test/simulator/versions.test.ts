/**
 * The version table (simulator/versions.ts) and the answers that depend on it, each at the releases around its switch.
 * The refusal texts, the 9.0 remapping and the licence have their own files (auth.test.ts, licence.test.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';
import { PROBES } from '../conformance/lib/probes';
import { VERSION_TABLE, has, switchVersions, type Behaviour } from '../../simulator/versions';
import { call, FIXED_NOW, twoFactorHeaders } from './helpers';

describe('the version table', () => {
	it('pins every behaviour to full x.y.z releases with evidence', () => {
		for (const [name, def] of Object.entries(VERSION_TABLE) as Array<[Behaviour, (typeof VERSION_TABLE)[Behaviour]]>) {
			const versions = [def.since, ...('backports' in def ? def.backports : []), ...('until' in def ? [def.until] : [])];
			for (const v of versions) expect([name, v]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
			expect([name, def.evidence.length > 20]).toEqual([name, true]);
		}
	});

	it('holds from `since`, on a backported line from its patch, and not from `until`', () => {
		const createToken = (v: string) => has(v, 'createTokenNeedsPermissionForOthers');
		expect(['7.10.0', '8.0.7', '8.0.8', '8.1.6', '8.1.7', '8.5.1', '8.5.2', '8.6.0', '8.6.1', '8.7.0', '9.0.1'].map(createToken)).toEqual([
			false,
			false,
			true,
			false,
			true,
			false,
			true,
			false,
			true,
			true,
			true,
		]);
		const revokes = (v: string) => has(v, 'deactivateIdleRevokesTokens');
		expect(['8.2.3', '8.2.4', '8.3.7', '8.4.1', '8.4.2', '8.5.0'].map(revokes)).toEqual([false, true, false, false, true, true]);
		const regression = (v: string) => has(v, 'twoFactorBypassIgnored');
		expect(['8.4.5', '8.5.0', '8.5.6', '8.6.0', '9.0.1'].map(regression)).toEqual([false, true, true, false, false]);
		expect(has('8.9', 'apiErrorFormatV2')).toBe(false);
		expect(() => has('latest', 'apiErrorFormatV2')).toThrow('not a Rocket.Chat version');
	});

	it('is documented: every behaviour in simulator/README.md, every open question it names in test/conformance/README.md', () => {
		const root = path.resolve(__dirname, '..', '..');
		const simulatorReadme = readFileSync(path.join(root, 'simulator', 'README.md'), 'utf8');
		const conformanceReadme = readFileSync(path.join(root, 'test', 'conformance', 'README.md'), 'utf8');
		for (const name of Object.keys(VERSION_TABLE)) expect([name, simulatorReadme.includes(`| \`${name}\` |`)]).toEqual([name, true]);
		const named = new Set([...Object.values(VERSION_TABLE).flatMap((d) => [...d.evidence.matchAll(/\bQ(\d+)\b/g)].map((m) => `Q${m[1]}`)), ...PROBES.map((p) => p.id)]);
		for (const q of named) expect([q, new RegExp(`^\\| ${q} \\|`, 'm').test(conformanceReadme)]).toEqual([q, true]);
	});

	it('lists every switch version once, oldest first', () => {
		const list = switchVersions();
		expect(list).toContain('8.0.8');
		expect(list).toContain('9.0.0');
		expect(new Set(list).size).toBe(list.length);
		expect(list[0]).toBe('8.0.0');
	});
});

describe('answers by release', () => {
	const sims: Simulator[] = [];
	const at = async (serverVersion: string, options: SimulatorOptions = {}) => {
		const sim = await startSimulator({ users: 3, now: FIXED_NOW, serverVersion, ...options });
		sims.push(sim);
		return sim;
	};
	afterAll(() => Promise.all(sims.map((s) => s.close())));
	const passwordOf = (sim: Simulator, who: { password: string }) => twoFactorHeaders(sim.passwordCode(who.password), 'password');

	it('users.getAvatar: anonymous until 8.1 (#38088)', async () => {
		for (const [version, status] of [
			['8.0.8', 307],
			['8.1.0', 401],
		] as const) {
			const sim = await at(version);
			expect([version, (await call(sim, 'GET', 'users.getAvatar', { query: { username: 'admin' } })).status]).toEqual([version, status]);
		}
	});

	it('users.create and users.createToken are 2FA-gated on 9.0 (unpinned before)', async () => {
		for (const [version, gated] of [
			['8.9.2', false],
			['9.0.0', true],
		] as const) {
			const sim = await at(version);
			const create = await call(sim, 'POST', 'users.create', { as: sim.admin, body: { name: 'N', email: 'n@example.com', password: 'Pw-123456!', username: 'n.user' } });
			const token = await call(sim, 'POST', 'users.createToken', { as: sim.admin, body: { userId: sim.admin.userId, secret: 'wrong' } });
			expect([version, create.body.errorType === 'totp-required', token.body.errorType === 'totp-required']).toEqual([version, gated, gated]);
			if (gated) expect((await call(sim, 'POST', 'users.createToken', { as: sim.admin, headers: passwordOf(sim, sim.admin), body: { userId: sim.admin.userId, secret: 'wrong' } })).body.errorType).toBe('error-not-authorized');
		}
	});

	it('8.5.x challenges tokens made with "Ignore Two Factor Authentication" and does not remember codes (#38017, fixed in 8.6.0 by #41065)', async () => {
		for (const [version, regression] of [
			['8.4.5', false],
			['8.5.6', true],
			['8.6.0', false],
		] as const) {
			const sim = await at(version);
			const bypass = sim.addPersonalAccessToken(sim.admin.userId, 'automation', { bypassTwoFactor: true });
			const viaPat = await call(sim, 'POST', 'users.update', { as: { userId: sim.admin.userId, authToken: bypass }, body: { userId: sim.plainUser.userId, data: { name: 'Plain' } } });
			expect([version, viaPat.body.errorType === 'totp-required']).toEqual([version, regression]);
			// One accepted code, then the same client again without one.
			const first = await call(sim, 'POST', 'users.update', { as: sim.admin, headers: passwordOf(sim, sim.admin), body: { userId: sim.plainUser.userId, data: { name: 'Plain' } } });
			expect(first.status).toBe(200);
			const again = await call(sim, 'POST', 'users.update', { as: sim.admin, body: { userId: sim.plainUser.userId, data: { name: 'Plain' } } });
			expect([version, again.body.errorType === 'totp-required']).toEqual([version, regression]);
		}
	});

	it('a just-created account passes disableRememberMe routes from 8.6 (#41061); 8.5.x has no grace over REST', async () => {
		for (const [version, passes] of [
			['8.4.5', false],
			['8.5.6', false],
			['8.6.0', true],
		] as const) {
			const sim = await at(version);
			const fresh = sim.addUser({ username: 'fresh.user', password: 'Fresh-123!', createdAt: new Date(FIXED_NOW.getTime() - 60_000) });
			// users.resetTOTP is declared with disableRememberMe; without TOTP the reset changes nothing.
			const res = await call(sim, 'POST', 'users.resetTOTP', { as: fresh, body: {} });
			expect([version, res.status === 200]).toEqual([version, passes]);
			// An ordinary gated route lets the new account through up to 8.4 and from 8.6.
			const ordinary = await call(sim, 'POST', 'users.update', { as: fresh, body: { userId: fresh.userId, data: { bio: 'new here' } } });
			expect([version, ordinary.body.errorType === 'totp-required']).toEqual([version, version === '8.5.6']);
		}
	});

	it('sessions/list marks the caller’s own session `current` from 8.7 (#40351)', async () => {
		for (const [version, flagged] of [
			['8.6.1', false],
			['8.7.0', true],
		] as const) {
			const sim = await at(version);
			const sessions = (await call(sim, 'GET', 'sessions/list', { as: sim.admin })).body.sessions as Array<Record<string, unknown>>;
			expect([version, sessions.some((s) => 'current' in s)]).toEqual([version, flagged]);
			if (flagged) expect(sessions.filter((s) => s.current === true)).toHaveLength(1);
		}
	});

	it('users.setPreferences accepts utcOffset from 8.6 and statusVisibilityDenied from 8.8 (#41747)', async () => {
		for (const [version, utc, denied] of [
			['8.5.6', false, false],
			['8.6.0', true, false],
			['8.8.0', true, true],
		] as const) {
			const sim = await at(version);
			const set = (data: Record<string, unknown>) => call(sim, 'POST', 'users.setPreferences', { as: sim.plainUser, body: { data } });
			expect([version, (await set({ utcOffset: 2 })).status === 200, (await set({ statusVisibilityDenied: [sim.admin.userId] })).status === 200]).toEqual([version, utc, denied]);
		}
	});

	it('users.list by e-mail needs view-full-other-user-info on 9.0 (unpinned before)', async () => {
		for (const [version, status, error] of [
			['8.9.2', 200, undefined],
			['9.0.1', 403, 'forbidden'],
		] as const) {
			const sim = await at(version);
			const res = await call(sim, 'GET', 'users.list', { as: sim.plainUser, query: { email: 'admin@example.com' } });
			expect([version, res.status, res.body.error]).toEqual([version, status, error]);
		}
	});

	it('users.requestDataDownload answers url and pendingOperationsBeforeMyRequest from 9.0', async () => {
		for (const [version, full] of [
			['8.9.2', false],
			['9.0.1', true],
		] as const) {
			const sim = await at(version);
			const first = await call(sim, 'GET', 'users.requestDataDownload', { as: sim.plainUser });
			const again = await call(sim, 'GET', 'users.requestDataDownload', { as: sim.plainUser });
			expect([version, Object.keys(first.body).sort()]).toEqual([version, full ? ['exportOperation', 'pendingOperationsBeforeMyRequest', 'requested', 'success', 'url'] : ['exportOperation', 'requested', 'success']]);
			expect([first.body.requested, again.body.requested]).toEqual([true, false]);
			if (full) expect([first.body.url, first.body.pendingOperationsBeforeMyRequest]).toEqual([null, 0]);
		}
	});

	it('users.autocomplete: $or until 9.0; from 9.0 $and, $ne and $exists only', async () => {
		for (const [version, orAllowed] of [
			['8.9.2', true],
			['9.0.1', false],
		] as const) {
			const sim = await at(version);
			const ask = (conditions: unknown) => call(sim, 'GET', 'users.autocomplete', { as: sim.admin, query: { selector: JSON.stringify({ term: '', conditions }) } });
			expect([version, (await ask({ $or: [{ username: 'admin' }] })).status]).toEqual([version, orAllowed ? 200 : 400]);
			const ne = await ask({ username: { $ne: 'admin' } });
			expect([version, ne.status]).toEqual([version, orAllowed ? 400 : 200]);
			if (!orAllowed) expect((ne.body.items as Array<{ username: string }>).map((u) => u.username)).not.toContain('admin');
		}
	});

	it('per-route limits from 8.6 with the server’s 429: users.setStatus 5 / 60 s, users.updateOwnBasicInfo 1 / 60 s', async () => {
		const sim = await at('9.0.1', { routeRateLimits: true });
		for (let i = 1; i <= 5; i++) {
			const ok = await call(sim, 'POST', 'users.setStatus', { as: sim.plainUser, body: { status: 'online' } });
			expect([ok.status, ok.headers.get('x-ratelimit-limit'), ok.headers.get('x-ratelimit-remaining')]).toEqual([200, '5', String(5 - i)]);
		}
		const limited = await call(sim, 'POST', 'users.setStatus', { as: sim.plainUser, body: { status: 'online' } });
		expect([limited.status, limited.body, limited.headers.get('x-ratelimit-reset')]).toEqual([
			429,
			{ success: false, error: 'Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]' },
			String(FIXED_NOW.getTime() + 60_000),
		]);
		expect((await call(sim, 'POST', 'users.updateOwnBasicInfo', { as: sim.plainUser, body: { data: { nickname: 'one' } } })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.updateOwnBasicInfo', { as: sim.plainUser, body: { data: { nickname: 'two' } } })).status).toBe(429);
		// Other routes stay unlimited; administrators bypass; the window ends.
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).headers.get('x-ratelimit-limit')).toBeNull();
		expect((await call(sim, 'POST', 'users.setStatus', { as: sim.admin, body: { status: 'online' } })).status).toBe(200);
		sim.setNow(FIXED_NOW.getTime() + 60_001);
		expect((await call(sim, 'POST', 'users.setStatus', { as: sim.plainUser, body: { status: 'online' } })).status).toBe(200);
		// Before 8.6 the route has no own limit.
		const older = await at('8.5.6', { routeRateLimits: true });
		for (let i = 0; i < 6; i++) expect((await call(older, 'POST', 'users.setStatus', { as: older.plainUser, body: { status: 'online' } })).status).toBe(200);
	});
});
