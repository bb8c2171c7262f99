import * as setStatus from '../../nodes/RocketChat/actions/user/setStatus';
import type { FlowSteps, RequestSpec, ServerVersion } from '../../nodes/RocketChat/transport/spec';
import { buildFlow, buildRequest, NOW, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

/** An expiry makes Set Status a flow: the server version first, then the request. Returns the request it sends. */
async function sentWithExpiry(values: Record<string, unknown>, version: ServerVersion = { major: 8, minor: 8 }, options: { now?: number } = {}): Promise<RequestSpec> {
	const sent: RequestSpec[] = [];
	const steps: FlowSteps = {
		serverVersion: async () => version,
		request: async (spec) => {
			sent.push(spec);
			return [spec.output?.map?.({}) ?? {}];
		},
		requestIfSupported: async () => {
			throw new Error('Set Status never needs requestIfSupported');
		},
	};
	const output = await buildFlow(setStatus, values, options).run(steps);
	expect(output).toEqual([{ success: true }]);
	return sent[0];
}

describe('User → Set Status (users.setStatus)', () => {
	test('sets status and message for the credential user', () => {
		expect(buildRequest(setStatus, { updateFields: { status: 'busy', message: ' In a meeting ' } })).toEqual({
			method: 'POST',
			path: '/api/v1/users.setStatus',
			body: { status: 'busy', message: 'In a meeting' },
			output: { map: expect.any(Function) },
		});
	});

	test('for another user, with an expiry in the future (8.6 and later)', async () => {
		const spec = await sentWithExpiry({
			user: userRef('id', 'zXuq7SvPKYbzYmfpo'),
			updateFields: { status: 'away', expiresAt: '2026-01-15T18:00:00Z' },
		});
		expect(spec.body).toEqual({ status: 'away', expiresAt: '2026-01-15T18:00:00.000Z', userId: 'zXuq7SvPKYbzYmfpo' });
		expect(spec.permission).toBe('edit-other-user-info');
		expect(spec.output?.map?.({})).toEqual({ success: true });
	});

	test('an expiry on a server before 8.6, which would ignore it, stops with an error before any request', async () => {
		const values = { updateFields: { status: 'away', expiresAt: '2026-01-15T18:00:00Z' } };
		await expect(sentWithExpiry(values, { major: 8, minor: 5 })).rejects.toThrow(
			'Update Fields → Expires At (item 0): needs Rocket.Chat 8.6 or later; this server is 8.5 and would keep the status until it is changed',
		);
	});

	test('without an expiry it stays one request, whatever the server version', () => {
		expect(buildRequest(setStatus, { updateFields: { status: 'away' } }).path).toBe('/api/v1/users.setStatus');
	});

	test('by username; an added but empty message clears it', () => {
		const spec = buildRequest(setStatus, { user: userRef('username', 'bob'), updateFields: { message: '' } });
		expect(spec.body).toEqual({ message: '', username: 'bob' });
	});

	test('neither status nor message is a clear error', () => {
		expect(() => buildRequest(setStatus, {}, { itemIndex: 2 })).toThrow(
			'Update Fields (item 2): add a Status or a Message (or both)',
		);
		expect(() =>
			buildFlow(setStatus, { updateFields: { expiresAt: '2026-02-01T00:00:00Z' } }, { itemIndex: 2 }),
		).toThrow('Update Fields (item 2): add a Status or a Message (or both)');
	});

	test.each([
		[{ status: 'invisible' }, 'Update Fields → Status (item 0): expected online, away, busy or offline, got "invisible"'],
		[{ status: 'online', expiresAt: new Date(NOW).toISOString() }, 'Update Fields → Expires At (item 0): must be in the future'],
		[{ status: 'online', expiresAt: '2020-01-01T00:00:00Z' }, 'Update Fields → Expires At (item 0): must be in the future, got 2020-01-01T00:00:00.000Z'],
		[{ status: 'online', expiresAt: 'soon' }, 'Update Fields → Expires At (item 0): expected a date and time'],
		[{ message: { text: 'x' } }, 'Update Fields → Message (item 0): expected text, got an object'],
	])('bad input %j names the field and item', (updateFields, message) => {
		expect(() => ('expiresAt' in updateFields ? buildFlow : buildRequest)(setStatus, { updateFields })).toThrow(message);
	});

	test('status from an expression is normalised', () => {
		expect(buildRequest(setStatus, { updateFields: { status: ' Online ' } }).body).toEqual({ status: 'online' });
	});

	test('"now" is injected, so the future check is deterministic', async () => {
		const values = { updateFields: { status: 'online', expiresAt: '2026-01-15T12:00:01Z' } };
		expect((await sentWithExpiry(values)).body).toMatchObject({ expiresAt: '2026-01-15T12:00:01.000Z' });
		expect(() => buildFlow(setStatus, values, { now: Date.UTC(2026, 0, 15, 12, 0, 2) })).toThrow('must be in the future');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, async () => {
		const specs = [
			buildRequest(setStatus, { updateFields: { status: 'online' } }),
			buildRequest(setStatus, { updateFields: { message: 'hi' } }),
			await sentWithExpiry({
				user: userRef('id', 'u1'),
				updateFields: { status: 'busy', message: 'x', expiresAt: '2026-06-22T18:00:00Z' },
			}),
			// The spec's own example sends `username`; its schema allows extra properties.
			buildRequest(setStatus, { user: userRef('username', 'bob'), updateFields: { status: 'away' } }),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
