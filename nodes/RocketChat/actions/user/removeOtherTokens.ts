import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Removes every login token of the credential user except the one of the current session. Personal access tokens are kept.',
		name: 'removeOtherTokensNotice',
		type: 'notice',
		default: '',
	},
];

export const description = forOperation('user', 'removeOtherTokens', properties);

export const toolDescription =
	'Changes data: remove every login token of the account of the n8n credential except the current one.';

export const build: Operation['build'] = () => ({
	method: 'POST',
	path: '/api/v1/users.removeOtherTokens',
	output: {},
});
