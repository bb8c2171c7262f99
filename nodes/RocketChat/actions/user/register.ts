import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Signs up a new account the way the registration form does: no auth headers are sent (the credential only gives the server URL). Registration must be open on the workspace, and by default the server accepts one registration per minute per IP address.',
		name: 'registerNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane.doe',
		description: 'The username of the new account',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'The e-mail address of the new account',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The password of the new account, sent exactly as typed',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane Doe',
		description:
			'The display name of the new account. May be left empty when the workspace does not require a name for sign-up.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Secret URL Code',
				name: 'secretUrl',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'For workspaces that only allow registration through a secret URL: the code at the end of that URL (the part after /register/)',
			},
		],
	},
];

export const description = forOperation('user', 'register', properties);

export const toolDescription = 'Changes data: self-register a new Rocket.Chat user as the sign-up form does and return it.';

export const build: Operation['build'] = (p) => {
	const username = p.requiredString('username');
	const email = p.email('email');
	const pass = p.secret('password');
	const options = p.collection('options');
	const secretUrl =
		typeof options.secretUrl === 'string' ? options.secretUrl.trim().replace(/^.*\/register\//, '') : '';
	return {
		method: 'POST',
		path: '/api/v1/users.register',
		body: {
			username,
			email,
			pass,
			// The key is required even when the workspace allows an empty name.
			name: p.string('name'),
			...(secretUrl ? { secretURL: secretUrl } : {}),
		},
		auth: 'none',
		output: { key: 'user' },
	};
};
