import type { IDataObject, INodeProperties } from 'n8n-workflow';
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
					description: `Sort order as a JSON object: field names with 1 (ascending) or -1 (descending). Rocket.Chat sorts by ${sortKeys}. Default: newest login first.`,
				},
			],
		},
	];
}

/** The query of sessions/list and sessions/list.all (offset and count are added by the transport). */
export function sessionListQuery(p: Parameters): IDataObject {
	const options = p.collection('options');
	const qs: IDataObject = {};
	// The server escapes the text, so it is matched literally, not as a regular expression.
	const filter = p.toText(options.filter, 'filter');
	if (filter !== '') qs.filter = filter;
	const sort = sortQuery(p, options.sort);
	if (sort) qs.sort = sort;
	return qs;
}
