import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', { byUsername: false, description: 'The user to activate or deactivate' }),
	{
		displayName: 'Active',
		name: 'activeStatus',
		type: 'boolean',
		default: true,
		description:
			'Whether the user should be active. Deactivating logs the user out everywhere and stops their login and OAuth tokens from working.',
	},
	{
		displayName: 'Confirm Relinquish',
		name: 'confirmRelinquish',
		type: 'boolean',
		default: false,
		displayOptions: { show: { activeStatus: [false] } },
		description:
			'Whether to deactivate the user even if they are the last owner of a room; the oldest member becomes its owner. Without it, deactivating a last owner fails.',
	},
];

export const description = forOperation('user', 'setActiveStatus', properties);

export const toolDescription = 'Changes data: activate or deactivate a Rocket.Chat user and return its active flag.';

export const build: Operation['build'] = (p) => {
	const userId = p.userId('user');
	const activeStatus = p.boolean('activeStatus');
	return {
		method: 'POST',
		path: '/api/v1/users.setActiveStatus',
		// Relinquishing only applies to deactivation; a hidden, stale value must not be sent.
		body: { activeStatus, userId, confirmRelinquish: !activeStatus && p.boolean('confirmRelinquish') },
		permission: 'edit-other-user-active-status',
		output: { key: 'user' },
	};
};
