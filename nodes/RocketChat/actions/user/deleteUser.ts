import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', { description: 'The user to delete permanently' }),
	{
		displayName: 'Confirm Relinquish',
		name: 'confirmRelinquish',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the user even if they are the last owner of a room: the oldest member becomes its owner, and rooms with no other member are deleted. Without it, deleting a last owner fails.',
	},
];

export const description = forOperation('user', 'delete', properties);

export const toolDescription = 'Changes data: delete a Rocket.Chat user permanently.';

/** The value is `delete`; the file is not named so because `delete` cannot be an export name. */
export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.delete',
	body: { ...p.user('user'), confirmRelinquish: p.boolean('confirmRelinquish') },
	permission: 'delete-user',
	output: {},
});
