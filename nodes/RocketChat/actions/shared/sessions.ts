import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { RequestSpec } from '../../transport/spec';
import type { Parameters } from '../parameters';
import { returnAllFields, sortField, sortQuery } from './fields';

/** Return All / Limit and the Options of both session lists; they differ only in what the search matches. */
export function sessionListProperties(searchDescription: string, sortKeys: string): INodeProperties[] {
	return [
		...returnAllFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Search',
					name: 'filter',
					type: 'string',
					default: '',
					description: searchDescription,
				},
				{
					...sortField,
					placeholder: '{"loginAt": -1}',
					description: `Sort order as a JSON object: field names with 1 (ascending) or -1 (descending), by ${sortKeys}. Default: newest login first. Rocket.Chat applies a sort only inside each page, after skip and limit, so the node reads the sessions in the server's order (newest login first) and sorts them itself: with Limit, that is the newest sessions by login, in this order.`,
				},
			],
		},
	];
}

/**
 * The query of sessions/list and sessions/list.all (offset and count are added by the transport). The sort is
 * not sent: the server sorts only within a page (after skip and limit), so across pages the order would be
 * wrong and a walk could repeat or miss sessions; see `sessionListOutput`.
 */
export function sessionListQuery(p: Parameters): IDataObject {
	const options = p.collection('options');
	const qs: IDataObject = {};
	// The server escapes the text, so it is matched literally, not as a regular expression.
	const filter = p.toText(options.filter, 'filter');
	if (filter !== '') qs.filter = filter;
	// Validated here, applied by the transport after reading.
	sortQuery(p, options.sort);
	return qs;
}

/** One item per session, sorted by the transport when a sort is given. */
export function sessionListOutput(p: Parameters): NonNullable<RequestSpec['output']> {
	const sort = sortQuery(p, p.collection('options').sort);
	const entries = sort ? (Object.entries(JSON.parse(sort) as Record<string, 1 | -1>) as Array<[string, 1 | -1]>) : undefined;
	return { key: 'sessions', each: true, ...(entries ? { sort: entries } : {}) };
}
