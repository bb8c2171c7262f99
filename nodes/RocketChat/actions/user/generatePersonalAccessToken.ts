import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'The new token is returned only once, in the "token" field of the output. Store it safely: it cannot be read again, only regenerated.',
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Token Name',
		name: 'patName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. n8n-automation',
		description: 'A name for the new token, unique among the tokens of the credential user',
	},
	{
		displayName: 'Bypass Two-Factor Authentication',
		name: 'bypassTwoFactor',
		type: 'boolean',
		default: false,
		description:
			'Whether calls made with the new token skip two-factor checks (the "Ignore Two Factor Authentication" option of the token)',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'generatePersonalAccessToken', properties);

export const toolDescription =
	'Changes data: create a personal access token for the account of the n8n credential and return it once.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.generatePersonalAccessToken',
	body: { tokenName: p.requiredString('patName'), bypassTwoFactor: p.boolean('bypassTwoFactor') },
	twoFactor: twoFactorOverride(p),
	permission: 'create-personal-access-tokens',
	output: {},
});
