import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField, userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Needs the CREATE_TOKENS_FOR_USERS_SECRET environment variable on the Rocket.Chat server (8.0 and later; 7.x servers need CREATE_TOKENS_FOR_USERS=true instead and ignore the secret). The output holds a login token for the user (data.authToken): treat it like a password.',
		name: 'createTokenNotice',
		type: 'notice',
		default: '',
	},
	userLocator('user', 'User', {
		byUsername: false,
		description: 'The user to create a login token for',
	}),
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'The value of the CREATE_TOKENS_FOR_USERS_SECRET environment variable of the Rocket.Chat server (7.x servers ignore it)',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'createToken', properties);

export const toolDescription = 'Changes data: create a login token for another Rocket.Chat user and return it.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.createToken',
	body: { userId: p.userId('user'), secret: p.secret('secret') },
	permission: 'user-generate-access-token',
	// generateAccessToken answers the same "Not authorized [error-not-authorized]" for both causes. Whether the
	// permission is checked depends on the patch release (8.0.8, 8.1.7, 8.2.7, 8.3.7, 8.4.5, 8.5.2, 8.6.1, 8.7.0 and
	// later), which GET /api/info does not tell: the hint names both instead of guessing the version.
	refusal:
		'Either the Secret is not the server\'s CREATE_TOKENS_FOR_USERS_SECRET, or the user is not the credential\'s own and the credential\'s user lacks the "user-generate-access-token" permission (checked from Rocket.Chat 8.0.8, 8.1.7, 8.2.7, 8.3.7, 8.4.5, 8.5.2, 8.6.1 and 8.7.0).',
	// The newest server source gates users.createToken with 2FA (twoFactorRequired); older servers ignore the code.
	twoFactor: twoFactorOverride(p),
	output: { key: 'data' },
});
