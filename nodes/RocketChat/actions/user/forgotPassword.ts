import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description:
			'The e-mail address to send the password reset link to. Sent without auth headers; the server answers with success even for unknown addresses.',
	},
];

export const description = forOperation('user', 'forgotPassword', properties);

export const toolDescription = 'Sends e-mail: send a Rocket.Chat password reset link to an e-mail address.';

export const build: Operation['build'] = (p) => {
	const email = p.email('email');
	return {
		method: 'POST',
		path: '/api/v1/users.forgotPassword',
		body: { email },
		auth: 'none',
		// The answer is {status: "success"} without a success key.
		output: {},
	};
};
