import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Log Out',
		name: 'target',
		type: 'options',
		options: [
			{ name: 'Another User', value: 'otherUser' },
			{ name: 'Credential User', value: 'self' },
		],
		default: 'otherUser',
		description: 'Whose login tokens to remove',
	},
	{
		...userLocator('user', 'User', {
			byUsername: false,
			description: 'The user to log out of every session (needs the logout-other-user permission)',
		}),
		displayOptions: { show: { target: ['otherUser'] } },
	},
	{
		displayName:
			'This removes every login token of the credential user, personal access tokens included: the credential stops working until it gets a new token.',
		name: 'logoutSelfNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { target: ['self'] } },
	},
];

export const description = forOperation('user', 'logout', properties);

export const toolDescription =
	'Changes data: log a Rocket.Chat user, or the account of the n8n credential when no user is given, out of every session.';

export const build: Operation['build'] = (p) => {
	if (p.string('target') === 'self') {
		return { method: 'POST', path: '/api/v1/users.logout', output: {} };
	}
	return {
		method: 'POST',
		path: '/api/v1/users.logout',
		body: { userId: p.userId('user') },
		permission: 'logout-other-user',
		output: {},
	};
};
