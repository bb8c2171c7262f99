import * as register from '../../nodes/RocketChat/actions/user/register';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

const valid = { username: 'rogersmith', email: 'roger@example.com', password: 'passw0rd', name: 'Roger Smith' };

describe('User → Register (users.register)', () => {
	test('signs up without auth headers; the password goes out as `pass`', () => {
		expect(buildRequest(register, valid)).toEqual({
			method: 'POST',
			path: '/api/v1/users.register',
			body: { username: 'rogersmith', email: 'roger@example.com', pass: 'passw0rd', name: 'Roger Smith' },
			auth: 'none',
			output: { key: 'user' },
		});
	});

	test('an empty name is still sent (the key is required)', () => {
		expect(buildRequest(register, { ...valid, name: '' }).body).toEqual({
			username: 'rogersmith',
			email: 'roger@example.com',
			pass: 'passw0rd',
			name: '',
		});
	});

	test('the password is sent exactly as typed', () => {
		expect(buildRequest(register, { ...valid, password: ' pass word ' }).body?.pass).toBe(' pass word ');
	});

	test.each([
		['Jjwjg6gouWLXhMGKW', 'Jjwjg6gouWLXhMGKW'],
		[' https://chat.example.com/register/my-secret-code ', 'my-secret-code'],
	])('secret URL %j is sent as secretURL %j', (secretUrl, secretURL) => {
		expect(buildRequest(register, { ...valid, options: { secretUrl } }).body?.secretURL).toBe(secretURL);
	});

	test('the password fields are password-type and the required ones are marked', () => {
		const byName = Object.fromEntries(register.description.map((p) => [p.name, p]));
		expect(byName.password).toMatchObject({ required: true, typeOptions: { password: true } });
		expect(byName.username.required).toBe(true);
		expect(byName.email.required).toBe(true);
		expect(byName.name.required).toBeUndefined();
		expect(byName.options).toMatchObject({ placeholder: 'Add Option', default: {} });
	});

	test.each([
		[{ username: '' }, 'Username (item 3): a value is required'],
		[{ email: '' }, 'Email (item 3): a value is required'],
		[{ email: 'roger' }, 'Email (item 3): not a valid e-mail address: "roger"'],
		[{ password: '' }, 'Password (item 3): a value is required'],
		[{ password: { a: 1 } }, 'Password (item 3): expected text, got an object'],
		[{ options: 'x' }, 'Options (item 3): expected a collection'],
	])('%j is refused', (override, message) => {
		expect(() => buildRequest(register, { ...valid, ...override }, { itemIndex: 3 })).toThrow(message);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [valid, { ...valid, name: '', options: { secretUrl: 'Jjwjg6gouWLXhMGKW' } }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(register, values)))).toEqual([]);
		}
	});
});
