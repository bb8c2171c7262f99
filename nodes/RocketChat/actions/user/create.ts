import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { simplifyField, userOutput } from '../shared/fields';
import { userFieldOptions, userFields, userFieldValue } from '../shared/userFields';

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
	{ ...userFieldOptions.name, required: true, placeholder: 'e.g. Jane Doe' },
	{ ...userFieldOptions.email, required: true },
	{
		...userFieldOptions.password,
		required: true,
		description: 'The password. Required even with Set Random Password, which then replaces it.',
	},
	{ ...userFieldOptions.username, required: true },
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
	const body: IDataObject = {
		name: userFieldValue(p, 'name', p.raw('name')) as string,
		email: userFieldValue(p, 'email', p.raw('email')) as string,
		password: userFieldValue(p, 'password', p.raw('password')) as string,
		username: userFieldValue(p, 'username', p.raw('username')) as string,
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
