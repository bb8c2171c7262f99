import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import {
	simplifyField,
	twoFactorOverride,
	twoFactorOverrideField,
	userLocator,
	userOutput,
} from '../shared/fields';
import { userFieldOptions, userFields } from '../shared/userFields';

/** The spec's `data` fields, plus bio, nickname and statusText, which the server's typings accept too. */
const UPDATE_FIELDS = [
	'active',
	'bio',
	'customFields',
	'email',
	'name',
	'nickname',
	'password',
	'requirePasswordChange',
	'roles',
	'sendWelcomeEmail',
	'statusText',
	'username',
	'verified',
];

const clearable = (name: string, what: string): INodeProperties => ({
	...userFieldOptions[name],
	description: `${what}. Leave empty to clear it.`,
});

const overrides: Record<string, INodeProperties> = {
	bio: clearable('bio', 'A short text about the user'),
	nickname: clearable('nickname', "The user's nickname"),
	statusText: clearable('statusText', 'The status message'),
	// As the spec: adding Verified marks the address verified unless switched off.
	verified: { ...userFieldOptions.verified, default: true },
	roles: {
		...userFieldOptions.roles,
		description:
			'The roles of the user: they replace the current ones. Custom roles are identified by their ID. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
};

const properties: INodeProperties[] = [
	userLocator('user', 'User', { byUsername: false, description: 'The user to update' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: UPDATE_FIELDS.map((name) => overrides[name] ?? userFieldOptions[name]),
	},
	simplifyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Confirm Relinquish',
				name: 'confirmRelinquish',
				type: 'boolean',
				default: false,
				description:
					'Whether to deactivate the user even if they are the last owner of a room; the oldest member becomes its owner. Without it, deactivating a last owner fails.',
			},
		],
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'update', properties);

export const toolDescription = 'Changes data: update the given fields of a Rocket.Chat user and return the user.';

export const build: Operation['build'] = (p) => {
	const userId = p.userId('user');
	const data = userFields(p, 'updateFields', UPDATE_FIELDS);
	if (Object.keys(data).length === 0) p.fail('updateFields', 'add at least one field to update');
	const confirmRelinquish = p.collection('options').confirmRelinquish;
	if (![undefined, null, true, false, 'true', 'false'].includes(confirmRelinquish as string)) {
		p.fail('confirmRelinquish', `expected true or false, got ${JSON.stringify(confirmRelinquish)}`);
	}
	const relinquish = confirmRelinquish === true || confirmRelinquish === 'true';
	return {
		method: 'POST',
		path: '/api/v1/users.update',
		body: { userId, data, ...(relinquish ? { confirmRelinquish: true } : {}) },
		twoFactor: twoFactorOverride(p),
		permission: 'edit-other-user-info',
		output: userOutput(p, 'user'),
	};
};
