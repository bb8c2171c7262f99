import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField, userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Reset Key Of',
		name: 'target',
		type: 'options',
		options: [
			{ name: 'Another User', value: 'otherUser' },
			{ name: 'Credential User', value: 'self' },
		],
		default: 'otherUser',
		description: 'Whose end-to-end encryption key to reset',
	},
	{
		...userLocator('user', 'User', {
			description: 'The user whose key to reset (needs the edit-other-user-e2ee permission)',
		}),
		displayOptions: { show: { target: ['otherUser'] } },
	},
	{
		displayName:
			'The user is logged out of every session and must set up end-to-end encryption again. For the credential user this also ends the session the credential uses.',
		name: 'resetE2eKeyNotice',
		type: 'notice',
		default: '',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'resetE2eKey', properties);

export const toolDescription =
	'Changes data: reset the end-to-end encryption key of a Rocket.Chat user, or of the account of the n8n credential when no user is given.';

export const build: Operation['build'] = (p) => {
	const twoFactor = twoFactorOverride(p);
	if (p.string('target') === 'self') {
		return { method: 'POST', path: '/api/v1/users.resetE2EKey', twoFactor, output: {} };
	}
	return {
		method: 'POST',
		path: '/api/v1/users.resetE2EKey',
		body: { ...p.user('user') },
		twoFactor,
		permission: 'edit-other-user-e2ee',
		output: {},
	};
};
