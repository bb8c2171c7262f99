/**
 * Operations Rocket.Chat gates with two-factor authentication (sessions/list.all,
 * users.generatePersonalAccessToken, users.resetTOTP) in workflows, against a simulator that
 * challenges every gated call (no "remember me"): the credential's Two-Factor Method Password, TOTP
 * Secret and None, and the per-call Two-Factor Override (2FA Code / 2FA Method). Checks the x-2fa-*
 * headers the server received, what changed on the server, and that no secret leaks into outputs or errors.
 */
import { credentialFor, expectNoSecrets, runFile } from './helpers';

import type { IDataObject, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { sha256Hex, startSimulator, verifyTotp, type Simulator } from '../../simulator/server';
import type { LoggedRequest, SimUser } from '../../simulator/types';

const GATED = ['/api/v1/sessions/list.all', '/api/v1/users.generatePersonalAccessToken', '/api/v1/users.resetTOTP'];

let sim: Simulator;
let target: SimUser;
let targetSecret: string;

beforeAll(async () => {
	// Live clock: the node computes TOTP codes from the real time, the simulator checks them against its clock.
	sim = await startSimulator({ users: 30, seed: 41, twoFactorRememberForSeconds: 0 });
	const added = sim.addUser({ username: 'totp.target', twoFactor: 'totp' });
	target = added.user;
	targetSecret = added.totpSecret!;
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	// Every test starts with the target's authenticator set up again.
	target.totp = { enabled: true, secret: targetSecret };
	target.totpResetAt = undefined;
	sim.state.touch();
	sim.clearRequests();
});

const twoFactorHeaders = (request: LoggedRequest) => [request.headers['x-2fa-method'], request.headers['x-2fa-code']];
const patNames = (user: SimUser) => user.loginTokens.filter((token) => token.type === 'personalAccessToken').map((token) => token.name);
const userOf = (account: { userId: string }) => sim.state.userById(account.userId)!;

/** The three gated calls were made, in order, each answered with 200. */
function expectGatedCallsSucceeded(): LoggedRequest[] {
	expect(sim.requests.map((request) => [request.path, request.status])).toEqual(GATED.map((path) => [path, 200]));
	return sim.requests;
}

/** The three newest open sessions of all users: what Get Many Sessions (Limit 3) should list. */
function newestSessions(): string[] {
	return sim.state.sessions
		.filter((session) => !session.logoutAt && session.loginToken !== '')
		.sort((a, b) => b.loginAt.getTime() - a.loginAt.getTime())
		.slice(0, 3)
		.map((session) => session.sessionId);
}

/** What a successful run of two-factor.workflow.json did on the server, for the credential's user. */
function expectWorkflowApplied(result: Awaited<ReturnType<typeof runFile>>, user: SimUser, sessionIds: string[]) {
	const sessions = result.json('Get Many Sessions');
	expect(sessions.map((session) => session.sessionId)).toEqual(sessionIds);
	expect(sessionIds).toHaveLength(3);
	// Resetting the target's TOTP logged it out everywhere.
	expect(sim.state.sessions.filter((session) => session.userId === target._id).every((session) => session.logoutAt)).toBe(true);

	// Generate Token ran once (Execute Once) and the token it returned works as that user's PAT.
	const [tokens] = result.output('Generate Token');
	expect(tokens).toHaveLength(1);
	const token = tokens[0].json.token as string;
	expect(patNames(user)).toContain(`n8n-${result.executionId}`);
	expect(sim.state.userByPlainToken(user._id, token)?.token.name).toBe(`n8n-${result.executionId}`);

	// Reset TOTP removed the target's authenticator.
	expect(result.json('Reset TOTP')).toEqual([{}]);
	expect(target.totp).toBeUndefined();
	expect(target.totpResetAt).toBeInstanceOf(Date);
	expect(sim.state.audit.some((entry) => entry.action === 'totp.reset' && entry.actorId === user._id && entry.targetId === target._id)).toBe(true);
}

describe("the credential's Two-Factor Method", () => {
	test('Password: every gated call carries method "password" and the SHA-256 of the password, never the password', async () => {
		const credential = credentialFor(sim, sim.admin, { twoFactorMethod: 'password', password: sim.admin.password });
		const sessionIds = newestSessions();
		const result = await runFile('two-factor', { credential });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		for (const request of expectGatedCallsSucceeded()) {
			expect(twoFactorHeaders(request)).toEqual(['password', sha256Hex(sim.admin.password)]);
			expect(JSON.stringify([request.query, request.body])).not.toContain(sim.admin.password);
		}
		expectWorkflowApplied(result, userOf(sim.admin), sessionIds);
		expectNoSecrets(result, [sim.admin.authToken, sim.admin.password, sha256Hex(sim.admin.password)]);
	});

	test('TOTP Secret: every gated call carries method "totp" and a code valid at the time it arrived', async () => {
		const account = sim.totpUser;
		const credential = credentialFor(sim, account, { twoFactorMethod: 'totp', totpSecret: account.totpSecret });
		const sessionIds = newestSessions();
		const result = await runFile('two-factor', { credential });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		for (const request of expectGatedCallsSucceeded()) {
			const [method, code] = twoFactorHeaders(request);
			expect(method).toBe('totp');
			expect(code).toMatch(/^\d{6}$/);
			expect(verifyTotp(account.totpSecret, code, request.time)).toBe(true);
		}
		expectWorkflowApplied(result, userOf(account), sessionIds);
		expectNoSecrets(result, [account.authToken, account.totpSecret, account.password]);
	});

	test('None: the first gated call fails with an error that explains the 2FA settings; nothing else happens', async () => {
		const patsBefore = patNames(userOf(sim.admin));
		const result = await runFile('two-factor', { credential: credentialFor(sim, sim.admin) });
		expect(result.status).toBe('error');
		const error = result.nodeErrors['Get Many Sessions'] as NodeApiError;
		expect(error.message).toBe('TOTP Required [totp-required]');
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/two-factor/i);
		expect(error.description).toContain('"Two-Factor Method" in the credential');
		expect(error.description).toContain('The server asked for the "password" method.');
		expect((result.error as Error).message).toBe(error.message);

		// One request, without any 2FA header; the later nodes never ran.
		expect(sim.requests.map((request) => [request.path, request.status, ...twoFactorHeaders(request)])).toEqual([
			['/api/v1/sessions/list.all', 400, undefined, undefined],
		]);
		expect(result.ran('Generate Token')).toBe(false);
		expect(result.ran('Reset TOTP')).toBe(false);
		expect(patNames(userOf(sim.admin))).toEqual(patsBefore);
		expect(target.totp?.enabled).toBe(true);
		expectNoSecrets(result, [sim.admin.authToken, sim.admin.password]);
	});

	test('Password for a user whose second factor is TOTP: the server rejects it and the error says which method it wants', async () => {
		const account = sim.totpUser;
		const credential = credentialFor(sim, account, { twoFactorMethod: 'password', password: account.password });
		const result = await runFile('two-factor', { credential });
		expect(result.status).toBe('error');
		const error = result.nodeErrors['Get Many Sessions'] as NodeApiError;
		expect(error.message).toBe('TOTP Invalid [totp-invalid]');
		expect(error.description).toContain('The server asked for the "totp" method.');
		expect(twoFactorHeaders(sim.requests[0])).toEqual(['password', sha256Hex(account.password)]);
		expect(sim.requests).toHaveLength(1);
		expectNoSecrets(result, [account.authToken, account.password, sha256Hex(account.password), account.totpSecret]);
	});
});

describe('Two-Factor Override (2FA Code and 2FA Method per call)', () => {
	const run = (credential: IDataObject, inputItems: IDataObject[]) =>
		runFile('two-factor-override', { credential, inputItems: inputItems.map((json) => ({ json })) });

	function expectFailed(item: INodeExecutionData, message: string, itemIndex: number) {
		expect(item.json).toEqual({ error: message });
		expect(item.pairedItem).toEqual({ item: itemIndex });
		expect((item.error as NodeApiError).description).toMatch(/two-factor/i);
	}

	test('a password code is sent hashed with method "password"; a wrong one and an empty one fail only their own items', async () => {
		const items = [
			{ tokenName: 'by-password', code: sim.admin.password, method: 'password' },
			{ tokenName: 'wrong-password', code: 'not-the-password', method: 'password' },
			// An empty code means "use the credential", whose method is None here.
			{ tokenName: 'no-code', code: '', method: 'password' },
		];
		const result = await run(credentialFor(sim, sim.admin), items);
		expect(result.status).toBe('success');

		expect(sim.requests.map((request) => [request.path, request.status, ...twoFactorHeaders(request)])).toEqual([
			['/api/v1/users.generatePersonalAccessToken', 200, 'password', sha256Hex(sim.admin.password)],
			['/api/v1/users.generatePersonalAccessToken', 400, 'password', sha256Hex('not-the-password')],
			['/api/v1/users.generatePersonalAccessToken', 400, undefined, undefined],
		]);
		const [output] = result.output('Generate Token');
		expect(output).toHaveLength(3);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const token = output[0].json.token as string;
		expect(sim.state.userByPlainToken(sim.admin.userId, token)?.token.name).toBe('by-password');
		expectFailed(output[1], 'TOTP Invalid [totp-invalid]', 1);
		expectFailed(output[2], 'TOTP Required [totp-required]', 2);
		expect(patNames(userOf(sim.admin))).toContain('by-password');
		expect(patNames(userOf(sim.admin))).not.toContain('wrong-password');
		expect(patNames(userOf(sim.admin))).not.toContain('no-code');
		// The items carried the password; the node's output and errors must not.
		expectNoSecrets(result, [sim.admin.authToken, sim.admin.password, sha256Hex(sim.admin.password), 'not-the-password'], ['Generate Token']);
	});

	test('an override code wins over the TOTP Secret of the credential; without one the credential answers', async () => {
		const account = sim.totpUser;
		const credential = credentialFor(sim, account, { twoFactorMethod: 'totp', totpSecret: account.totpSecret });
		const result = await run(credential, [
			{ tokenName: 'override-wins', code: '12345', method: 'totp' },
			{ tokenName: 'credential-answers', code: '', method: 'totp' },
		]);
		expect(result.status).toBe('success');
		const [overridden, fromCredential] = sim.requests;
		expect([overridden.status, ...twoFactorHeaders(overridden)]).toEqual([400, 'totp', '12345']);
		expect(fromCredential.status).toBe(200);
		expect(fromCredential.headers['x-2fa-method']).toBe('totp');
		expect(verifyTotp(account.totpSecret, fromCredential.headers['x-2fa-code'], fromCredential.time)).toBe(true);

		const [output] = result.output('Generate Token');
		expectFailed(output[0], 'TOTP Invalid [totp-invalid]', 0);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(sim.state.userByPlainToken(account.userId, output[1].json.token as string)?.token.name).toBe('credential-answers');
		expect(patNames(userOf(account))).not.toContain('override-wins');
		expectNoSecrets(result, [account.authToken, account.totpSecret, account.password]);
	});

	test('e-mail 2FA: the challenge e-mails a code, which then goes in the 2FA Code with method "email"', async () => {
		const emailAdmin = sim.addUser({ username: 'email.admin', roles: ['user', 'admin'], twoFactor: 'email' });
		const credential = credentialFor(sim, emailAdmin);

		const first = await run(credential, [{ tokenName: 'by-email', code: '', method: 'email' }]);
		expect(first.status).toBe('success');
		const [challenged] = first.output('Generate Token')[0];
		expectFailed(challenged, 'TOTP Required [totp-required]', 0);
		expect((challenged.error as NodeApiError).description).toContain('The server asked for the "email" method.');
		const code = sim.lastEmailCode(emailAdmin.userId);
		expect(code).toMatch(/^\d{6}$/);

		sim.clearRequests();
		const second = await run(credential, [{ tokenName: 'by-email', code, method: 'email' }]);
		expect(second.status).toBe('success');
		expect(twoFactorHeaders(sim.requests[0])).toEqual(['email', code]);
		expect(sim.requests[0].status).toBe(200);
		const [created] = second.output('Generate Token')[0];
		expect(sim.state.userByPlainToken(emailAdmin.userId, created.json.token as string)?.token.name).toBe('by-email');
		// The code was used up on the server.
		expect(emailAdmin.user.emailCode).toBeUndefined();
		expectNoSecrets(first, [emailAdmin.authToken, emailAdmin.password]);
		expectNoSecrets(second, [emailAdmin.authToken, emailAdmin.password], ['Generate Token']);
	});
});
