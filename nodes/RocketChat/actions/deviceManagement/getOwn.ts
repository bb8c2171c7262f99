import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of one of your own sessions (the `sessionId` field of a session)',
	},
];

export const description = forOperation('deviceManagement', 'getOwn', properties);

export const toolDescription = 'Read only: get one device session of the account of the n8n credential by its session ID.';

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/info',
	qs: { sessionId: p.requiredString('sessionId') },
	output: {},
});
