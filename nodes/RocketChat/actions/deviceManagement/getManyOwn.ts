import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import type { Parameters } from '../parameters';
import { pagination, returnAllFields, sortField } from '../shared/fields';
import { sortQuery } from '../user/getAll';

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
	if (options.filter !== undefined && options.filter !== null) {
		if (typeof options.filter === 'object') p.fail('filter', 'expected text, got an object');
		// The server escapes the text, so it is matched literally, not as a regular expression.
		const filter = String(options.filter).trim();
		if (filter !== '') qs.filter = filter;
	}
	const sort = sortQuery(p, options.sort);
	if (sort) qs.sort = sort;
	return qs;
}

const properties = sessionListProperties(
	'Only sessions whose device, operating system or IP address contains this text',
	'loginAt, device.name, device.os.name or device.os.version',
);

export const description = forOperation('deviceManagement', 'getManyOwn', properties);

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/list',
	qs: sessionListQuery(p),
	paginate: pagination(p, 'sessions'),
	output: { key: 'sessions', each: true },
});
