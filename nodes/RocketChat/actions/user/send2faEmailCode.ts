import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'E-Mail or Username',
		name: 'emailOrUsername',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane.doe or name@email.com',
		description:
			'The account to e-mail a two-factor code to. The server answers with success even for unknown accounts.',
	},
];

export const description = forOperation('user', 'send2faEmailCode', properties);

export const toolDescription = 'Sends e-mail: send a two-factor code to the e-mail address of a Rocket.Chat user.';

export const build: Operation['build'] = (p) => {
	const typed = p.requiredString('emailOrUsername');
	// "@jane.doe" is a username as people write it; an address keeps its "@".
	const value = typed.includes('@', 1) ? typed : typed.replace(/^@/, '');
	if (value === '') p.fail('emailOrUsername', 'a value is required');
	return {
		method: 'POST',
		path: '/api/v1/users.2fa.sendEmailCode',
		body: { emailOrUsername: value },
		output: {},
	};
};
