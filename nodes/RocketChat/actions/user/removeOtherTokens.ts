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

export const build: Operation['build'] = () => ({
	method: 'POST',
	path: '/api/v1/users.removeOtherTokens',
	output: {},
});
