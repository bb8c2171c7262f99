import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'Upload an image from a binary field of the input item' },
			{ name: 'Image URL', value: 'url', description: 'Let Rocket.Chat download the image from a URL' },
		],
		default: 'url',
		description: 'Where the new avatar image comes from',
	},
	{
		displayName: 'Image URL',
		name: 'avatarUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/avatar.png',
		description: 'Public URL of the image. Rocket.Chat downloads it, so it must be reachable from the server.',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the image to upload',
		displayOptions: { show: { source: ['binary'] } },
	},
	userLocator('user', 'User', {
		required: false,
		description:
			'The user whose avatar to set. Leave empty to set the avatar of the credential user. Other users need the edit-other-user-avatar permission.',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { source: ['binary'] } },
		options: [
			{
				displayName: 'Service',
				name: 'service',
				type: 'string',
				default: '',
				placeholder: 'e.g. gravatar',
				description:
					'Name of the service the image comes from, stored as the avatar origin (Rocket.Chat 8.7 and later)',
			},
		],
	},
];

export const description = forOperation('user', 'setAvatar', properties);

export const toolDescription =
	'Changes data: set the avatar of a Rocket.Chat user, or of the account of the n8n credential when no user is given, from an image URL or a file.';

export const build: Operation['build'] = (p) => {
	const user = p.optionalUser('user');
	// Without a target the server changes the caller's own avatar, which needs no permission.
	const permission = user ? { permission: 'edit-other-user-avatar' } : {};
	const output = { map: () => ({ success: true }) };

	if (p.string('source') === 'binary') {
		const fields: Record<string, string> = { ...user };
		const service = p.collection('options').service;
		if (typeof service === 'string' && service.trim() !== '') fields.service = service.trim();
		return {
			method: 'POST',
			path: '/api/v1/users.setAvatar',
			upload: { field: 'image', binaryProperty: p.requiredString('binaryPropertyName'), fields },
			...permission,
			output,
		};
	}

	const avatarUrl = p.requiredString('avatarUrl');
	if (!/^https?:\/\/\S+$/i.test(avatarUrl)) {
		p.fail('avatarUrl', 'expected an http:// or https:// URL');
	}
	return {
		method: 'POST',
		path: '/api/v1/users.setAvatar',
		body: { avatarUrl, ...user },
		...permission,
		output,
	};
};
