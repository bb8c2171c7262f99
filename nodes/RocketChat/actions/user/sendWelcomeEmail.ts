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
		description: 'The e-mail address of an existing user to send the welcome e-mail to',
	},
];

export const description = forOperation('user', 'sendWelcomeEmail', properties);

export const toolDescription = 'Sends e-mail: send the Rocket.Chat welcome e-mail to an address.';

export const build: Operation['build'] = (p) => {
	const email = p.email('email');
	return {
		// A POST, although the OpenAPI operationId reads get-api-v1-users.sendWelcomeEmail.
		method: 'POST',
		path: '/api/v1/users.sendWelcomeEmail',
		body: { email },
		permission: 'send-mail',
		output: {},
	};
};
