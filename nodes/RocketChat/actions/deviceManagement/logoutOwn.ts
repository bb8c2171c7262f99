import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		description:
			"ID of one of your own sessions to end (the `sessionId` field of a session, e.g. from Get Many Own Sessions). If the credential's own token belongs to that session, the credential stops working.",
	},
];

export const description = forOperation('deviceManagement', 'logoutOwn', properties);

export const toolDescription = 'Changes data: end one device session of the account of the n8n credential.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/sessions/logout.me',
	body: { sessionId: p.requiredString('sessionId') },
	output: {},
});
