import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Lists the personal access tokens of the credential user, one item per token. The token values cannot be read back: only their last characters (lastTokenPart).',
		name: 'tokensNotice',
		type: 'notice',
		default: '',
	},
];

export const description = forOperation('user', 'getPersonalAccessTokens', properties);

export const toolDescription =
	'Read only: list the personal access tokens of the account of the n8n credential: names and dates, not the secrets.';

export const build: Operation['build'] = () => ({
	method: 'GET',
	path: '/api/v1/users.getPersonalAccessTokens',
	permission: 'create-personal-access-tokens',
	output: { key: 'tokens', each: true },
});
