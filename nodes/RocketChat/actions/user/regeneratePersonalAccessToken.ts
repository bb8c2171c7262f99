import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'The old token stops working at once. The new one is returned only once, in the "token" field of the output: store it safely.',
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
		description: 'Name of the personal access token of the credential user to replace',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'regeneratePersonalAccessToken', properties);

export const toolDescription =
	'Changes data: replace a personal access token of the account of the n8n credential and return the new one once.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.regeneratePersonalAccessToken',
	body: { tokenName: p.requiredString('patName') },
	twoFactor: twoFactorOverride(p),
	permission: 'create-personal-access-tokens',
	output: {},
});
