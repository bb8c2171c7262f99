import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		description: 'The user whose avatar to reset to the default (initials) avatar',
	}),
];

export const description = forOperation('user', 'resetAvatar', properties);

export const toolDescription = 'Changes data: reset the avatar of a Rocket.Chat user to the default.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.resetAvatar',
	body: { ...p.user('user') },
	permission: 'edit-other-user-avatar',
	output: { map: () => ({ success: true }) },
});
