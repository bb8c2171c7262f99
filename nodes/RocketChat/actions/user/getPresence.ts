import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		required: false,
		description: 'The user whose presence to get. Leave empty for the credential user.',
	}),
];

export const description = forOperation('user', 'getPresence', properties);

export const toolDescription =
	'Read only: get the presence of a Rocket.Chat user, or of the account of the n8n credential when no user is given.';

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/users.getPresence',
	qs: { ...p.optionalUser('user') },
	output: {},
});
