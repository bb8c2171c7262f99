import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { openConnection } from '../transport/connection';
import { send } from '../transport/request';

const SEARCH_PAGE_SIZE = 50;

/** The user picker: users.listByStatus supports a search term, unlike users.list since 7.0. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string | number,
): Promise<INodeListSearchResult> {
	const connection = await openConnection(this);
	const offset = Number(paginationToken ?? 0) || 0;
	const response = await send(this, connection, {
		method: 'GET',
		path: '/api/v1/users.listByStatus',
		qs: {
			offset,
			count: SEARCH_PAGE_SIZE,
			sort: JSON.stringify({ username: 1 }),
			...(filter ? { searchTerm: filter } : {}),
		},
		permission: 'view-d-room',
	}, 0);
	const page = response.body as IDataObject;
	const users = (Array.isArray(page.users) ? page.users : []) as IDataObject[];
	const next = offset + users.length;
	return {
		results: users.map((user) => ({
			name: user.name ? `${String(user.name)} (@${String(user.username)})` : `@${String(user.username)}`,
			value: String(user._id),
		})),
		paginationToken: users.length > 0 && next < Number(page.total ?? 0) ? String(next) : undefined,
	};
}
