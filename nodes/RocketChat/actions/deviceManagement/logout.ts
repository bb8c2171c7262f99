import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of the session to end, of any user (the `sessionId` field of a session, e.g. from Get Many)',
	},
	twoFactorOverrideField,
];

export const description = forOperation('deviceManagement', 'logout', properties);

export const toolDescription = 'Changes data: end one device session of any Rocket.Chat user.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/sessions/logout',
	body: { sessionId: p.requiredString('sessionId') },
	twoFactor: twoFactorOverride(p),
	permission: 'logout-device-management',
	output: {},
});
