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
		description: 'ID of any user\'s session (the `sessionId` field of a session, e.g. from Get Many)',
	},
	twoFactorOverrideField,
];

export const description = forOperation('deviceManagement', 'get', properties);

export const toolDescription =
	'Read only: get one device session of any Rocket.Chat user by its session ID, with the user.';

// The answer is the session itself (with `_user`), not wrapped: the output is the response without `success`.
export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/info.admin',
	qs: { sessionId: p.requiredString('sessionId') },
	twoFactor: twoFactorOverride(p),
	permission: 'view-device-management',
	output: {},
});
