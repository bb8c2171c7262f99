import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { openConnection } from '../transport/connection';
import { send } from '../transport/request';

/** The workspace's roles, for role fields (which also accept expressions). */
export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const connection = await openConnection(this);
	const response = await send(this, connection, { method: 'GET', path: '/api/v1/roles.list' }, 0);
	const roles = ((response.body as IDataObject).roles ?? []) as IDataObject[];
	return roles
		.map((role) => ({
			name: String(role.name ?? role._id),
			value: String(role._id ?? role.name),
			description: role.description ? String(role.description) : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
