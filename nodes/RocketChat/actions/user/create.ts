import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { simplifyField, userOutput } from '../shared/fields';
import { dataToSendField, identityField, identityValues, userFieldOptions, userFields, userFieldValue } from '../shared/userFields';

/** The optional fields of users.create (Create or Update uses them when it creates). */
export const ADDITIONAL_FIELDS = [
	'active',
	'bio',
	'customFields',
	'joinDefaultChannels',
	'nickname',
	'requirePasswordChange',
	'roles',
	'sendWelcomeEmail',
	'setRandomPassword',
	'statusText',
	'verified',
];

const properties: INodeProperties[] = [
	dataToSendField,
	identityField('name', { placeholder: 'e.g. Jane Doe' }),
	identityField('email'),
	{
		...userFieldOptions.password,
		required: true,
		description: 'The password. Required even with Set Random Password, which then replaces it.',
	},
	identityField('username'),
	simplifyField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: ADDITIONAL_FIELDS.map((name) => userFieldOptions[name]),
	},
];

export const description = forOperation('user', 'create', properties);

export const toolDescription = 'Changes data: create a Rocket.Chat user and return the new user.';

export const build: Operation['build'] = (p) => {
	const { name, email, username } = identityValues(p);
	const body: IDataObject = {
		name,
		email,
		password: userFieldValue(p, 'password', p.raw('password')) as string,
		username,
		...userFields(p, 'additionalFields', ADDITIONAL_FIELDS),
	};
	return {
		method: 'POST',
		path: '/api/v1/users.create',
		body,
		permission: 'create-user',
		output: userOutput(p, 'user'),
	};
};
