import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField, userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		description:
			'The user whose authenticator-app (TOTP) setup to remove. Other users need the edit-other-user-totp permission and two-factor authentication enabled on the workspace; pick yourself to reset your own.',
	}),
	{
		displayName:
			'If the user had TOTP set up, they are logged out of every session. Resetting the credential user also ends the session the credential uses.',
		name: 'resetTotpNotice',
		type: 'notice',
		default: '',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'resetTotp', properties);

export const toolDescription = 'Changes data: reset the authenticator-app two-factor setup of a Rocket.Chat user.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.resetTOTP',
	body: { ...p.user('user') },
	twoFactor: twoFactorOverride(p),
	permission: 'edit-other-user-totp',
	output: {},
});
