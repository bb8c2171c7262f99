import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { simplifyField, userOutput } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'lookup',
		type: 'options',
		options: [
			{ name: 'E-Mail', value: 'email' },
			{ name: 'Import ID', value: 'importId' },
			{ name: 'User ID', value: 'userId' },
			{ name: 'Username', value: 'username' },
		],
		default: 'userId',
		description: 'Which unique value identifies the user',
	},
	{
		displayName: 'Value',
		name: 'lookupValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. BsNr28znDkG8aeo7W',
		description: 'The user ID, username, e-mail address or import ID to look up',
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
				displayName: 'Include Rooms',
				name: 'includeUserRooms',
				type: 'boolean',
				default: false,
				description: 'Whether to include the rooms the user belongs to (only with the view-other-user-channels permission or for yourself)',
			},
		],
	},
];

export const description = forOperation('user', 'get', properties);

export const toolDescription =
	'Read only: get one Rocket.Chat user by ID, username, e-mail or import ID and return the profile with roles and status.';

export const build: Operation['build'] = (p) => {
	const lookup = p.string('lookup') || 'userId';
	const value = p.requiredString('lookupValue');
	const options = p.collection('options');
	return {
		method: 'GET',
		path: '/api/v1/users.info',
		qs: {
			[lookup]: lookup === 'username' ? value.replace(/^@/, '') : value,
			...(options.includeUserRooms === true ? { includeUserRooms: 'true' } : {}),
		},
		permission: 'view-full-other-user-info',
		output: userOutput(p, 'user'),
	};
};
