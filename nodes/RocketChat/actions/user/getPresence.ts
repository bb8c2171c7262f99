import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import type { Parameters, UserRef } from '../parameters';
import { userLocator } from '../shared/fields';

/**
 * Reads an optional user locator: empty means "the credential user", which these endpoints assume when
 * neither `userId` nor `username` is sent.
 */
export function optionalUser(p: Parameters, name: string): UserRef | undefined {
	const value = p.raw(name);
	const inner = value && typeof value === 'object' && 'value' in value ? (value as IDataObject).value : value;
	if (inner === undefined || inner === null || (typeof inner === 'string' && inner.trim() === '')) {
		return undefined;
	}
	return p.user(name);
}

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		required: false,
		description: 'The user whose presence to get. Leave empty for the credential user.',
	}),
];

export const description = forOperation('user', 'getPresence', properties);

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/users.getPresence',
	qs: { ...optionalUser(p, 'user') },
	output: {},
});
