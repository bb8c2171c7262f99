import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Turns on e-mailed two-factor codes for the credential user. This logs out every other session of the user (personal access tokens are kept) and fails if any e-mail address of the user is not verified.',
		name: 'enable2faEmailNotice',
		type: 'notice',
		default: '',
	},
];

export const description = forOperation('user', 'enable2faEmail', properties);

export const toolDescription = 'Changes data: turn on e-mailed two-factor codes for the account of the n8n credential.';

export const build: Operation['build'] = () => ({
	method: 'POST',
	path: '/api/v1/users.2fa.enableEmail',
	output: {},
});
