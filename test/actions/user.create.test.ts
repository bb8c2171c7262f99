import * as create from '../../nodes/RocketChat/actions/user/create';
import { simplifyUser } from '../../nodes/RocketChat/actions/shared/fields';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

const required = { name: ' Jane Doe ', email: ' jane@example.com ', password: ' s3cret ', username: '@jane.doe' };

describe('User → Create (users.create)', () => {
	test('sends the four required fields, password untrimmed, username without @', () => {
		expect(buildRequest(create, required)).toEqual({
			method: 'POST',
			path: '/api/v1/users.create',
			body: { name: 'Jane Doe', email: 'jane@example.com', password: ' s3cret ', username: 'jane.doe' },
			permission: 'create-user',
			output: { key: 'user', each: false },
		});
	});

	test('Data to Send: Auto-Map Input Data takes name, e-mail and username from the input item, validated as typed ones', () => {
		const input = { name: ' Jane Doe ', email: 'jane@example.com', username: '@jane.doe', department: 'Sales' };
		const spec = buildRequest(create, { dataToSend: 'autoMapInputData', password: 'pw', name: 'ignored' }, { input });
		// Other input fields are not sent: users.create accepts only its own fields.
		expect(spec.body).toEqual({ name: 'Jane Doe', email: 'jane@example.com', password: 'pw', username: 'jane.doe' });
		expect(() => buildRequest(create, { dataToSend: 'autoMapInputData', password: 'pw' }, { input: { ...input, email: 'jane' }, itemIndex: 3 })).toThrow(
			'Input field "email" (item 3): not a valid e-mail address: "jane"',
		);
	});

	test('every additional field of the spec is sent as typed', () => {
		const spec = buildRequest(create, {
			...required,
			simplify: true,
			additionalFields: {
				active: false,
				bio: ' Engineer ',
				customFields: '{"department": "Sales", "level": 3}',
				joinDefaultChannels: false,
				nickname: 'JD',
				requirePasswordChange: true,
				roles: ['user', 'bot'],
				sendWelcomeEmail: true,
				setRandomPassword: true,
				statusText: 'Hello',
				verified: true,
			},
		});
		expect(spec.body).toEqual({
			name: 'Jane Doe',
			email: 'jane@example.com',
			password: ' s3cret ',
			username: 'jane.doe',
			active: false,
			bio: 'Engineer',
			customFields: { department: 'Sales', level: 3 },
			joinDefaultChannels: false,
			nickname: 'JD',
			requirePasswordChange: true,
			roles: ['user', 'bot'],
			sendWelcomeEmail: true,
			setRandomPassword: true,
			statusText: 'Hello',
			verified: true,
		});
		expect(spec.output).toEqual({ key: 'user', each: false, map: simplifyUser });
	});

	test('roles from an expression may be comma-separated text; custom fields an object; booleans text', () => {
		expect(
			buildRequest(create, {
				...required,
				additionalFields: { roles: 'user, livechat-agent', customFields: { team: 'a' }, verified: 'true', active: 'false' },
			}).body,
		).toEqual({
			name: 'Jane Doe',
			email: 'jane@example.com',
			password: ' s3cret ',
			username: 'jane.doe',
			roles: ['user', 'livechat-agent'],
			customFields: { team: 'a' },
			verified: true,
			active: false,
		});
	});

	test('empty custom fields are left out; an empty bio is sent', () => {
		expect(buildRequest(create, { ...required, additionalFields: { customFields: '{}', bio: '' } }).body).toEqual({
			name: 'Jane Doe',
			email: 'jane@example.com',
			password: ' s3cret ',
			username: 'jane.doe',
			bio: '',
		});
	});

	test('unknown keys in the collection are not sent', () => {
		expect(buildRequest(create, { ...required, additionalFields: { freeSwitchExtension: '100' } }).body).not.toHaveProperty(
			'freeSwitchExtension',
		);
	});

	test.each([
		[{ name: ' ' }, 'Name (item 2): a value is required'],
		[{ email: '' }, 'Email (item 2): a value is required'],
		[{ email: 'jane' }, 'Email (item 2): not a valid e-mail address: "jane"'],
		[{ password: '' }, 'Password (item 2): a value is required'],
		[{ username: '@' }, 'Username (item 2): a value is required'],
		[{ name: { first: 'J' } }, 'Name (item 2): expected text, got an object'],
		[{ additionalFields: { customFields: '{"a":' } }, 'Additional Fields → Custom Fields (JSON) (item 2): invalid JSON'],
		[{ additionalFields: { customFields: '"x"' } }, 'Additional Fields → Custom Fields (JSON) (item 2): expected a JSON object'],
		[{ additionalFields: { roles: [] } }, 'Additional Fields → Role Names or IDs (item 2): choose at least one role, or remove the field'],
		[{ additionalFields: { roles: 5 } }, 'Additional Fields → Role Names or IDs (item 2): expected a list of values'],
		[{ additionalFields: { active: 'yes' } }, 'Additional Fields → Active (item 2): expected true or false, got "yes"'],
		[{ additionalFields: 'x' }, 'Additional Fields (item 2): expected a collection'],
	])('%j is an error naming the field and item', (values, message) => {
		expect(() => buildRequest(create, { ...required, ...values }, { itemIndex: 2 })).toThrow(message);
	});

	test('fields follow n8n conventions', () => {
		const names = create.description.map((property) => property.name);
		expect(names).toEqual(['dataToSend', 'name', 'email', 'password', 'username', 'simplify', 'additionalFields']);
		// Name, e-mail and username are typed in only with Define Below; the password always.
		const hiddenFor = (name: string) => create.description.find((property) => property.name === name)!.displayOptions?.hide?.dataToSend;
		expect(['name', 'email', 'username', 'password'].map(hiddenFor)).toEqual([['autoMapInputData'], ['autoMapInputData'], ['autoMapInputData'], undefined]);
		expect(create.description[0]).toMatchObject({ type: 'options', default: 'defineBelow' });
		const additional = create.description.find((property) => property.name === 'additionalFields')!;
		expect(additional).toMatchObject({ type: 'collection', placeholder: 'Add Field', default: {} });
		const displayNames = (additional.options as Array<{ displayName: string }>).map((option) => option.displayName);
		expect(displayNames).toEqual([...displayNames].sort((a, b) => a.localeCompare(b)));
		expect(displayNames).toHaveLength(11);
		const roles = (additional.options as Array<{ name: string; typeOptions?: object }>).find((o) => o.name === 'roles');
		expect(roles?.typeOptions).toEqual({ loadOptionsMethod: 'getRoles' });
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const additionalFields of [
			{},
			{ active: true, bio: 'b', customFields: '{"a": 1}', joinDefaultChannels: true, nickname: 'n', requirePasswordChange: false, roles: ['user'], sendWelcomeEmail: false, setRandomPassword: false, statusText: 's', verified: false },
		]) {
			const spec = buildRequest(create, { ...required, additionalFields });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
