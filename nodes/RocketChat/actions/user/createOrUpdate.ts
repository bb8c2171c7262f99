import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { RequestFlow, RequestSpec } from '../../transport/spec';
import { forOperation, type Operation } from '../operation';
import { simplifyField, simplifyUser, twoFactorOverride, twoFactorOverrideField } from '../shared/fields';
import { dataToSendField, identityField, identityValues, userFieldOptions, userFields, userFieldValue } from '../shared/userFields';
import { ADDITIONAL_FIELDS } from './create';

/**
 * Create's Additional Fields, used only when creating: on an existing account, Roles would replace its roles and
 * Require Password Change would force a new password at every re-run. An existing user gets name, e-mail and
 * username brought up to date.
 */

const properties: INodeProperties[] = [
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: [
			{ name: 'E-Mail', value: 'email' },
			{ name: 'Username', value: 'username' },
		],
		default: 'email',
		description: 'Which value finds the existing user. E-mail addresses are compared without regard to case.',
	},
	dataToSendField,
	identityField('email'),
	identityField('username'),
	identityField('name', { placeholder: 'e.g. Jane Doe' }),
	{
		...userFieldOptions.password,
		required: true,
		description: 'The password of a new user. An existing user keeps their password.',
	},
	simplifyField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Used only when creating the user. An existing user keeps these as they are; only name, e-mail and username are updated.',
		options: ADDITIONAL_FIELDS.map((name) => userFieldOptions[name]),
	},
	{
		displayName:
			'Finds the user first: with Concurrency above 1, two items for the same new user may both try to create it (the second then fails: the server refuses a duplicate e-mail or username).',
		name: 'createOrUpdateNotice',
		type: 'notice',
		default: '',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'createOrUpdate', properties);

export const toolDescription =
	'Changes data: find a Rocket.Chat user by e-mail or username, create it when absent or update its name, e-mail and username where they differ, and return the user with the outcome: created, updated or unchanged.';

const USER_NOT_FOUND = 'User not found.';
const sameText = (a: unknown, b: unknown) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
const addressesOf = (user: IDataObject) =>
	(Array.isArray(user.emails) ? (user.emails as IDataObject[]) : []).map((entry) => String(entry.address ?? ''));

/**
 * users.info by e-mail exists from Rocket.Chat 8.4. Older servers (7.x to 8.3) refuse the unknown parameter with 400
 * `invalid-params` (the route's schema allows only userId, username or importId): that refusal is their answer, so
 * the version is never asked.
 */
const infoByEmail = (email: string): RequestSpec => ({
	method: 'GET',
	path: '/api/v1/users.info',
	qs: { email },
	notFoundError: USER_NOT_FOUND,
	unsupportedErrorType: 'invalid-params',
	output: { key: 'user' },
});

/** Before 8.4: a search narrowed to the exact address, any case (users.list would ignore `email` and list everyone). */
const searchByEmail = (email: string): RequestSpec => ({
	method: 'GET',
	path: '/api/v1/users.listByStatus',
	qs: { searchTerm: email },
	permission: 'view-full-other-user-info',
	paginate: { itemsKey: 'users', returnAll: true, limit: 0 },
	output: { key: 'users', each: true, filter: (user) => addressesOf(user).some((address) => sameText(address, email)) },
});

/**
 * A small flow, because the write depends on the answer of the lookup: find the user (by e-mail: users.info, or the
 * search on servers that refuse it), then create it, update what differs, or leave it as it is.
 * Every parameter is read and checked here, before any request.
 */
export const build: Operation['build'] = (p) => {
	const matchBy = p.string('matchBy') || 'email';
	if (matchBy !== 'email' && matchBy !== 'username') p.fail('matchBy', `expected email or username, got ${JSON.stringify(matchBy)}`);
	const identity = identityValues(p);
	const password = userFieldValue(p, 'password', p.raw('password')) as string;
	const additional = userFields(p, 'additionalFields', ADDITIONAL_FIELDS);
	const simplify = p.boolean('simplify');
	const twoFactor = twoFactorOverride(p);

	const result = (user: IDataObject, outcome: 'created' | 'updated' | 'unchanged'): IDataObject[] => [
		{ ...(simplify ? simplifyUser(user) : user), outcome },
	];

	const flow: RequestFlow = {
		run: async (steps) => {
			const [found] =
				matchBy === 'username'
					? await steps.request({ method: 'GET', path: '/api/v1/users.info', qs: { username: identity.username }, notFoundError: USER_NOT_FOUND, output: { key: 'user' } })
					: ((await steps.requestIfSupported(infoByEmail(identity.email))) ?? (await steps.request(searchByEmail(identity.email))));
			if (!found) {
				const [created] = await steps.request({
					method: 'POST',
					path: '/api/v1/users.create',
					body: { ...identity, password, ...additional },
					permission: 'create-user',
					output: { key: 'user' },
				});
				return result(created, 'created');
			}
			// Only what differs is sent, so a re-run with the same data writes nothing.
			const data: IDataObject = {};
			if (!addressesOf(found).some((address) => sameText(address, identity.email))) data.email = identity.email;
			if (!sameText(found.username, identity.username)) data.username = identity.username;
			if (found.name !== identity.name) data.name = identity.name;
			if (Object.keys(data).length === 0) return result(found, 'unchanged');
			const [updated] = await steps.request({
				method: 'POST',
				path: '/api/v1/users.update',
				body: { userId: String(found._id), data },
				twoFactor,
				permission: 'edit-other-user-info',
				output: { key: 'user' },
			});
			return result(updated, 'updated');
		},
	};
	return flow;
};
