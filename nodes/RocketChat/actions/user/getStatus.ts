import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		required: false,
		description: 'The user whose status to get. Leave empty for the credential user.',
	}),
];

export const description = forOperation('user', 'getStatus', properties);

export const toolDescription =
	'Read only: get the status and status message of a Rocket.Chat user, or of the account of the n8n credential when no user is given.';

// The official spec declares no auth headers here, but the server route needs them, so the
// credential is sent as usual (no `auth: 'none'`).
export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/users.getStatus',
	qs: { ...p.optionalUser('user') },
	output: {},
});
