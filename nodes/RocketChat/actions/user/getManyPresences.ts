import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import type { Parameters } from '../parameters';

/**
 * A date-time value as an ISO 8601 string (UTC). Accepts what a dateTime field or an expression gives:
 * text, epoch milliseconds, a Date or a Luxon DateTime. Text without an offset is read as local time.
 */
export function isoDateTime(p: Parameters, name: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let time = Number.NaN;
	if (value instanceof Date) time = value.getTime();
	else if (typeof value === 'number') time = value;
	else if (typeof value === 'string') time = new Date(value.trim()).getTime();
	else if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		time = (value as { toMillis(): number }).toMillis();
	}
	if (!Number.isFinite(time)) {
		p.fail(name, `expected a date and time such as 2026-01-31T17:00:00Z, got ${JSON.stringify(value)}`);
	}
	return new Date(time).toISOString();
}

const properties: INodeProperties[] = [
	{
		displayName: 'User IDs',
		name: 'ids',
		type: 'string',
		default: '',
		placeholder: 'e.g. J4sWseCgs8eEnWvhE, BsNr28znDkG8aeo7W',
		description: 'Comma-separated IDs of the users to get. Leave empty for all users.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Changed Since',
				name: 'from',
				type: 'dateTime',
				default: '',
				description:
					'Only users whose presence changed after this time. Without it the server returns everyone.',
			},
		],
	},
];

export const description = forOperation('user', 'getManyPresences', properties);

// One output item per user. If the workspace disables presence broadcast, the list is empty.
export const build: Operation['build'] = (p) => {
	const qs: IDataObject = {};
	const from = isoDateTime(p, 'from', p.collection('options').from);
	if (from) qs.from = from;
	const ids = p.list('ids');
	if (ids.length > 0) qs.ids = ids.join(',');
	return {
		method: 'GET',
		path: '/api/v1/users.presence',
		qs,
		output: { key: 'users', each: true },
	};
};
