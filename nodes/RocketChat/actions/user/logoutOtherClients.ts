import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Logs out every other session of the credential user (personal access tokens are kept). The response carries the login token to use from now on ("token") and when it expires ("tokenExpires"): this output is the only place to get it, so store it in the credential if it differs from the Auth Token there, and treat it like a password.',
		name: 'newTokenNotice',
		type: 'notice',
		default: '',
	},
];

export const description = forOperation('user', 'logoutOtherClients', properties);

export const toolDescription =
	'Changes data: log out every other session of the account of the n8n credential and return its new login token.';

export const build: Operation['build'] = () => ({
	method: 'POST',
	path: '/api/v1/users.logoutOtherClients',
	output: {},
});
