import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Token Name',
		name: 'patName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. n8n-automation',
		description:
			'Name of the personal access token of the credential user to delete. If the credential uses this token, it stops working.',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'removePersonalAccessToken', properties);

export const toolDescription = 'Changes data: delete a personal access token of the account of the n8n credential.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.removePersonalAccessToken',
	body: { tokenName: p.requiredString('patName') },
	twoFactor: twoFactorOverride(p),
	permission: 'create-personal-access-tokens',
	output: {},
});
