import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { binaryOutputField, userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', { description: 'The user whose avatar to download' }),
	binaryOutputField,
];

export const description = forOperation('user', 'getUserAvatar', properties);

export const toolDescription = 'Read only: download the avatar image of a Rocket.Chat user as a file.';

// The server answers 307 to /avatar/{username}; the transport follows the redirect (with the credential
// only on the server's own origin: a workspace may block avatars to anonymous visitors) and stores the image.
export const build: Operation['build'] = (p) => {
	const user = p.user('user');
	return {
		method: 'GET',
		path: '/api/v1/users.getAvatar',
		qs: { ...user },
		download: {
			binaryProperty: p.requiredString('binaryPropertyName'),
			fileName: `avatar-${'userId' in user ? user.userId : user.username}`,
		},
	};
};
