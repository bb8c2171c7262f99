import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane.doe',
		description: 'The username to check. The output field "result" is true when it is still free.',
	},
];

export const description = forOperation('user', 'checkUsernameAvailability', properties);

export const toolDescription = 'Read only: check whether a username is still free in Rocket.Chat and return true or false.';

// The seeds leave `username` out; the official spec (and the server) require it.
export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/users.checkUsernameAvailability',
	qs: { username: p.username('username') },
	output: {},
});
