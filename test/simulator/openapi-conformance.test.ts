/**
 * Every endpoint of the simulator once, each request and response validated against the official
 * Rocket.Chat OpenAPI files (test/support/openapi.ts). Skipped when /work/shared is not available.
 */
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';
import { SAMPLE_PNG, startSimulator, type Simulator } from '../../simulator/server';
import { FIXED_NOW, type LooseBody } from './helpers';

const contract = loadOpenApiContract();
const describeContract = contract ? describe : describe.skip;
if (!contract) console.log(openApiSkipReason);

interface Step {
	method: 'GET' | 'POST';
	path: string;
	as?: { userId: string; authToken: string };
	query?: Record<string, string>;
	body?: Record<string, unknown>;
	multipart?: Record<string, string | { filename: string; contentType: string; data: Buffer }>;
	headers?: Record<string, string>;
	expectStatus?: number;
	/** Error cases send deliberately invalid requests: only the response is checked. */
	responseOnly?: boolean;
}

describeContract('simulator responses conform to the official OpenAPI description', () => {
	let sim: Simulator;
	const seen = new Set<string>();
	beforeAll(async () => {
		// The avatarUrl the steps set must be downloadable: the simulator has no network of its own.
		const remoteUrls = (url: string) => (url === 'https://images.example.invalid/a.png' ? { contentType: 'image/png', body: SAMPLE_PNG } : undefined);
		sim = await startSimulator({ users: 40, now: FIXED_NOW, createTokenSecret: 'conformance', remoteUrls });
	});
	afterAll(() => sim.close());

	async function run(step: Step): Promise<{ status: number; body: unknown; violations: string[] }> {
		const url = new URL(step.path, sim.url);
		for (const [k, v] of Object.entries(step.query ?? {})) url.searchParams.set(k, v);
		const headers: Record<string, string> = { ...(step.as ? sim.authHeaders(step.as) : {}), ...step.headers };
		let body: RequestInit['body'];
		let contentType: string | undefined;
		let contractBody: unknown = step.body;
		if (step.multipart) {
			const form = new FormData();
			for (const [k, v] of Object.entries(step.multipart)) {
				if (typeof v === 'string') form.append(k, v);
				else form.append(k, new Blob([v.data], { type: v.contentType }), v.filename);
			}
			body = form;
			contentType = 'multipart/form-data';
			contractBody = step.multipart;
		} else if (step.body !== undefined) {
			body = JSON.stringify(step.body);
			contentType = 'application/json';
			headers['Content-Type'] = contentType;
		}
		const violations = step.responseOnly ? [] : contract!.validateRequest({ method: step.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, contentType, body: contractBody });
		const res = await fetch(url, { method: step.method, headers, body, redirect: 'follow' });
		const resType = res.headers.get('content-type') ?? '';
		const raw = Buffer.from(await res.arrayBuffer());
		const parsed = resType.includes('json') ? JSON.parse(raw.toString('utf8')) : raw;
		// users.getAvatar answers 307 (not in the spec); the redirect is followed and the final image validated instead.
		violations.push(...contract!.validateResponse({ method: step.method, path: url.pathname, status: res.status, contentType: resType, body: parsed }));
		const op = contract!.findOperation(step.method, url.pathname);
		if (op) seen.add(`${step.method} ${op.template}`);
		return { status: res.status, body: parsed, violations };
	}

	async function expectConformant(step: Step): Promise<LooseBody> {
		const { status, body, violations } = await run(step);
		expect({ path: step.path, status, violations }).toEqual({ path: step.path, status: step.expectStatus ?? 200, violations: [] });
		return body;
	}

	it('covers all 48 endpoints plus /me and roles.list', async () => {
		const A = sim.admin;
		const code = { 'x-2fa-code': sim.passwordCode(A.password), 'x-2fa-method': 'password' };
		const target = sim.addUser({ username: 'conf.target' });
		const doomed = sim.addUser({ username: 'conf.doomed' });
		const leaver = sim.addUser({ username: 'conf.leaver', password: 'bye' });
		const mailer = sim.addUser({ username: 'conf.mailer' });
		const multi = sim.addUser({ username: 'conf.multi' });
		sim.addSession({ userId: multi.userId, device: { name: 'Firefox' } });
		const adminExtra = sim.addSession({ userId: A.userId, device: { name: 'Safari' } });
		const credentialIds = [A.userId, sim.plainUser.userId, sim.totpUser.userId];
		const seeded = sim.state.sessions.find((s) => !s.logoutAt && !credentialIds.includes(s.userId)) as { sessionId: string };
		const ownSession = sim.state.sessions.find((s) => s.userId === A.userId && !s.logoutAt) as { sessionId: string };

		const steps: Step[] = [
			{ method: 'GET', path: '/api/v1/me', as: A },
			{ method: 'GET', path: '/api/v1/roles.list', as: A },
			{ method: 'GET', path: '/avatar/admin', query: { format: 'png', size: '48' } },
			{ method: 'GET', path: '/api/v1/users.autocomplete', as: A, query: { selector: JSON.stringify({ term: 'a' }) } },
			{ method: 'GET', path: '/api/v1/users.checkUsernameAvailability', as: A, query: { username: 'fresh.name' } },
			{ method: 'GET', path: '/api/v1/users.getAvatar', as: A, query: { userId: target.userId } },
			{ method: 'GET', path: '/api/v1/users.getPersonalAccessTokens', as: A },
			{ method: 'GET', path: '/api/v1/users.getPreferences', as: A },
			{ method: 'GET', path: '/api/v1/users.getPresence', as: A, query: { userId: target.userId } },
			{ method: 'GET', path: '/api/v1/users.getStatus', as: A, query: { userId: target.userId } },
			{ method: 'GET', path: '/api/v1/users.getUsernameSuggestion', as: A },
			{ method: 'GET', path: '/api/v1/users.info', as: A, query: { userId: target.userId } },
			{ method: 'GET', path: '/api/v1/users.list', as: A, query: { count: '5', sort: JSON.stringify({ createdAt: -1 }) } },
			{ method: 'GET', path: '/api/v1/users.listByStatus', as: A, query: { status: 'active', count: '5', 'roles[]': 'user' } },
			{ method: 'GET', path: '/api/v1/users.listTeams', as: A, query: { userId: sim.plainUser.userId } },
			{ method: 'GET', path: '/api/v1/users.presence', as: A },
			{ method: 'GET', path: '/api/v1/users.requestDataDownload', as: A, query: { fullExport: 'false' } },
			{ method: 'POST', path: '/api/v1/users.sendWelcomeEmail', as: A, body: { email: 'conf.target@example.com' } },
			{ method: 'POST', path: '/api/v1/moderation.reportUser', as: A, body: { userId: target.userId, description: 'conformance' } },
			{ method: 'POST', path: '/api/v1/users.2fa.enableEmail', as: mailer },
			{ method: 'POST', path: '/api/v1/users.2fa.sendEmailCode', body: { emailOrUsername: 'conf.mailer' } },
			{ method: 'POST', path: '/api/v1/users.create', as: A, headers: code, body: { name: 'Conf New', email: 'conf.new@example.com', password: 'pw', username: 'conf.new', roles: ['user'] } },
			{ method: 'POST', path: '/api/v1/users.createToken', as: A, body: { userId: target.userId, secret: 'conformance' } },
			{ method: 'POST', path: '/api/v1/users.deactivateIdle', as: A, body: { daysIdle: 36500, role: 'user' } },
			{ method: 'POST', path: '/api/v1/users.forgotPassword', body: { email: 'conf.target@example.com' } },
			{ method: 'POST', path: '/api/v1/users.generatePersonalAccessToken', as: A, headers: code, body: { tokenName: 'conf', bypassTwoFactor: false } },
			{ method: 'POST', path: '/api/v1/users.regeneratePersonalAccessToken', as: A, headers: code, body: { tokenName: 'conf' } },
			{ method: 'POST', path: '/api/v1/users.removePersonalAccessToken', as: A, headers: code, body: { tokenName: 'conf' } },
			{ method: 'POST', path: '/api/v1/users.logoutOtherClients', as: multi },
			{ method: 'POST', path: '/api/v1/users.removeOtherTokens', as: multi },
			{ method: 'POST', path: '/api/v1/users.register', body: { username: 'conf.registered', email: 'conf.registered@example.com', pass: 'pw', name: 'Conf Registered' } },
			{ method: 'POST', path: '/api/v1/users.setAvatar', as: A, body: { avatarUrl: 'https://images.example.invalid/a.png', userId: target.userId } },
			{ method: 'POST', path: '/api/v1/users.setAvatar', as: A, multipart: { image: { filename: 'a.png', contentType: 'image/png', data: SAMPLE_PNG }, userId: target.userId } },
			{ method: 'POST', path: '/api/v1/users.resetAvatar', as: A, body: { userId: target.userId } },
			{ method: 'POST', path: '/api/v1/users.resetE2EKey', as: A, headers: code, body: { userId: doomed.userId } },
			{ method: 'POST', path: '/api/v1/users.resetTOTP', as: A, headers: code, body: { userId: doomed.userId } },
			{ method: 'POST', path: '/api/v1/users.setPreferences', as: A, body: { data: { language: 'en', sidebarViewMode: 'condensed', notificationsSoundVolume: 50 } } },
			{ method: 'POST', path: '/api/v1/users.setStatus', as: A, body: { message: 'Testing', status: 'away' } },
			{ method: 'POST', path: '/api/v1/users.update', as: A, headers: code, body: { userId: target.userId, data: { name: 'Conf Target' } } },
			{ method: 'POST', path: '/api/v1/users.updateOwnBasicInfo', as: A, body: { data: { nickname: 'boss', bio: 'runs things' } } },
			{ method: 'POST', path: '/api/v1/users.logout', as: A, body: { userId: target.userId } },
			{ method: 'POST', path: '/api/v1/users.setActiveStatus', as: A, body: { userId: target.userId, activeStatus: false } },
			{ method: 'POST', path: '/api/v1/users.delete', as: A, body: { userId: doomed.userId } },
			{ method: 'POST', path: '/api/v1/users.deleteOwnAccount', as: leaver, body: { password: sim.passwordCode('bye') } },
			{ method: 'GET', path: '/api/v1/sessions/list', as: A, query: { count: '5' } },
			{ method: 'GET', path: '/api/v1/sessions/list.all', as: A, headers: code, query: { count: '5', filter: 'chrome' } },
			{ method: 'GET', path: '/api/v1/sessions/info', as: A, query: { sessionId: ownSession.sessionId } },
			{ method: 'GET', path: '/api/v1/sessions/info.admin', as: A, headers: code, query: { sessionId: seeded.sessionId } },
			{ method: 'POST', path: '/api/v1/sessions/logout.me', as: A, body: { sessionId: adminExtra.session.sessionId } },
			{ method: 'POST', path: '/api/v1/sessions/logout', as: A, headers: code, body: { sessionId: seeded.sessionId } },
		];
		for (const step of steps) await expectConformant(step);

		// users.2fa.disableEmail needs the e-mail code the enableEmail step made mandatory.
		const challenge = await run({ method: 'POST', path: '/api/v1/users.2fa.disableEmail', as: mailer });
		expect(challenge.status).toBe(400);
		await expectConformant({
			method: 'POST',
			path: '/api/v1/users.2fa.disableEmail',
			as: mailer,
			headers: { 'x-2fa-code': sim.lastEmailCode(mailer.userId) as string, 'x-2fa-method': 'email' },
		});

		expect(seen.size).toBe(50);
	});

	it('error envelopes conform too', async () => {
		const plain = sim.plainUser;
		const fresh = sim.addUser({ username: 'conf.fresh', roles: ['user', 'admin'] });
		const cases: Step[] = [
			{ method: 'GET', path: '/api/v1/users.list', expectStatus: 401 },
			{ method: 'GET', path: '/api/v1/sessions/list.all', as: plain, expectStatus: 403 },
			{ method: 'POST', path: '/api/v1/users.deactivateIdle', as: plain, body: { daysIdle: 1 }, expectStatus: 403 },
			{ method: 'POST', path: '/api/v1/users.update', as: fresh, body: { userId: plain.userId, data: { name: 'x' } }, expectStatus: 400 },
			{ method: 'POST', path: '/api/v1/users.2fa.disableEmail', as: fresh, expectStatus: 400 },
			{ method: 'GET', path: '/api/v1/users.info', as: plain, query: { userId: 'missing' }, expectStatus: 400 },
			{ method: 'POST', path: '/api/v1/users.create', as: sim.admin, body: { name: 'Dup', email: 'dup@example.com', password: 'pw', username: 'admin' }, expectStatus: 400 },
		];
		for (const step of cases) await expectConformant({ ...step, responseOnly: true });
	});

	it('documents where the server (and so the simulator) leaves the spec', async () => {
		// ee/server/api/sessions.ts answers API.v1.notFound('Session not found'); the spec declares no 404.
		const missing = await run({ method: 'GET', path: '/api/v1/sessions/info', as: sim.plainUser, query: { sessionId: 'missing' }, responseOnly: true });
		expect(missing.status).toBe(404);
		expect(missing.violations).toEqual(['GET /api/v1/sessions/info -> 404: status 404 not declared (spec: 200, 400, 401)']);
		// TOTP users: availableMethods holds method names (strings); the spec says objects.
		const challenge = await run({ method: 'POST', path: '/api/v1/users.2fa.disableEmail', as: sim.totpUser, responseOnly: true });
		expect(challenge.status).toBe(400);
		expect(challenge.violations.join('\n')).toContain('availableMethods/0');
	});
});
