import type { IDataObject } from 'n8n-workflow';
import * as createOrUpdate from '../../nodes/RocketChat/actions/user/createOrUpdate';
import type { FlowSteps, RequestSpec } from '../../nodes/RocketChat/transport/spec';
import { buildFlow } from '../support/builders';

const person = { email: 'ann@example.com', username: 'ann', name: 'Ann', password: 'S3cret-pass' };

/**
 * Runs the flow against canned answers, recording the requests it asks for. `knowsEmailLookup: false` answers
 * requestIfSupported as a server before 8.4 does (its refusal of the unknown parameter).
 */
async function runWith(values: IDataObject, answers: Array<IDataObject[]>, { knowsEmailLookup = true, input }: { knowsEmailLookup?: boolean; input?: IDataObject } = {}) {
	const sent: RequestSpec[] = [];
	let versionAsked = 0;
	const steps: FlowSteps = {
		serverVersion: async () => {
			versionAsked++;
			return { major: 8, minor: 8 };
		},
		request: async (spec) => {
			sent.push(spec);
			return answers.shift() ?? [];
		},
		requestIfSupported: async (spec) => {
			sent.push(spec);
			return knowsEmailLookup ? (answers.shift() ?? []) : undefined;
		},
	};
	const output = await buildFlow(createOrUpdate, values, { input }).run(steps);
	return { output, sent, versionAsked };
}

describe('User → Create or Update', () => {
	test('absent: users.info by e-mail (8.4+), no version asked, then users.create with every field', async () => {
		const created = { _id: 'u1', username: 'ann', name: 'Ann', emails: [{ address: 'ann@example.com' }] };
		const { output, sent, versionAsked } = await runWith({ ...person, additionalFields: { joinDefaultChannels: false } }, [[], [created]]);
		expect(sent.map(({ method, path, qs, body }) => ({ method, path, qs, body }))).toEqual([
			{ method: 'GET', path: '/api/v1/users.info', qs: { email: 'ann@example.com' }, body: undefined },
			{ method: 'POST', path: '/api/v1/users.create', qs: undefined, body: { ...person, joinDefaultChannels: false } },
		]);
		expect(sent[0]).toMatchObject({ notFoundError: 'User not found.', unsupportedErrorType: 'invalid-params' });
		expect(versionAsked).toBe(0);
		expect(output).toEqual([{ ...created, outcome: 'created' }]);
	});

	test('before 8.4 (users.info refuses `email`): users.listByStatus, keeping only the exact address in any case', async () => {
		const { sent, versionAsked } = await runWith(person, [[], [{ _id: 'u1' }]], { knowsEmailLookup: false });
		expect(sent.map((spec) => spec.path)).toEqual(['/api/v1/users.info', '/api/v1/users.listByStatus', '/api/v1/users.create']);
		expect(sent[1]).toMatchObject({ method: 'GET', qs: { searchTerm: 'ann@example.com' } });
		expect(versionAsked).toBe(0);
		const keep = sent[1].output!.filter!;
		expect(keep({ emails: [{ address: 'ANN@example.com' }] })).toBe(true);
		expect(keep({ emails: [{ address: 'joann@example.com' }] })).toBe(false);
		expect(keep({})).toBe(false);
	});

	test('present: users.update with only the identity fields that differ (Additional Fields are for creating), 2FA-gated', async () => {
		const found = { _id: 'u1', username: 'ANN', name: 'Ann Old', emails: [{ address: 'Ann@Example.com' }] };
		const { output, sent } = await runWith(
			{ ...person, additionalFields: { sendWelcomeEmail: true, nickname: 'annie' }, simplify: true },
			[[found], [{ ...found, name: 'Ann', nickname: 'annie' }]],
		);
		expect(sent[1]).toEqual(expect.objectContaining({ method: 'POST', path: '/api/v1/users.update', body: { userId: 'u1', data: { name: 'Ann' } }, twoFactor: {} }));
		expect(output).toEqual([expect.objectContaining({ id: 'u1', name: 'Ann', outcome: 'updated' })]);
	});

	test('nothing differs: no write, outcome unchanged; Match By username asks no version', async () => {
		const found = { _id: 'u1', username: 'ann', name: 'Ann', emails: [{ address: 'ann@example.com' }] };
		const { output, sent, versionAsked } = await runWith({ ...person, matchBy: 'username' }, [[found]]);
		expect(sent.map((spec) => [spec.path, spec.qs])).toEqual([['/api/v1/users.info', { username: 'ann' }]]);
		expect(versionAsked).toBe(0);
		expect(output).toEqual([{ ...found, outcome: 'unchanged' }]);
	});

	test('Data to Send: Auto-Map Input Data finds and creates with the input item\'s name, email and username', async () => {
		const input = { name: 'Ann', email: 'ann@example.com', username: 'ann', avatarUrl: 'https://example.com/ann.png' };
		const { sent } = await runWith({ dataToSend: 'autoMapInputData', password: person.password }, [[], [{ _id: 'u1' }]], { input });
		expect(sent.map(({ path, qs, body }) => ({ path, qs, body }))).toEqual([
			{ path: '/api/v1/users.info', qs: { email: 'ann@example.com' }, body: undefined },
			{ path: '/api/v1/users.create', qs: undefined, body: person },
		]);
	});

	test.each([
		[{}, 'Input field "name" (item 1): missing: with Data to Send set to Auto-Map Input Data, every item needs a field named name (or choose Define Below)'],
		[{ name: 'Ann', email: 'ann@example.com' }, 'Input field "username" (item 1): missing'],
		[{ name: 'Ann', email: { address: 'ann@example.com' }, username: 'ann' }, 'Input field "email" (item 1): expected text, got an object'],
		[{ name: ' ', email: 'ann@example.com', username: 'ann' }, 'Input field "name" (item 1): a value is required'],
	])('auto-mapping input %j is refused before any request, naming the input field and the item', (input, message) => {
		expect(() => buildFlow(createOrUpdate, { ...person, dataToSend: 'autoMapInputData' }, { itemIndex: 1, input })).toThrow(message);
	});

	test.each([
		[{ ...person, matchBy: 'phone' }, 'Match By (item 2): expected email or username, got "phone"'],
		[{ ...person, email: '' }, 'Email (item 2)'],
		[{ ...person, username: '' }, 'Username (item 2)'],
	])('%j is refused before any request, naming the field and the item', (values, message) => {
		expect(() => buildFlow(createOrUpdate, values, { itemIndex: 2 })).toThrow(message);
	});
});
