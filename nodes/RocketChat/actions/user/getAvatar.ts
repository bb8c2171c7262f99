import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import type { Parameters } from '../parameters';
import { binaryOutputField } from '../shared/fields';

const FORMATS = ['jpeg', 'jpg', 'png', 'svg'];

const properties: INodeProperties[] = [
	{
		displayName: 'Avatar Of',
		name: 'avatarOf',
		type: 'options',
		options: [
			{ name: 'Room', value: 'room', description: 'The letter avatar of a channel, by its name' },
			{ name: 'User', value: 'user', description: 'The avatar of a user, by username' },
		],
		default: 'user',
		description: 'Whose avatar to download',
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane.doe',
		description: 'The username of the user',
		displayOptions: { show: { avatarOf: ['user'] } },
	},
	{
		displayName: 'Room Name',
		name: 'roomName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. general',
		description: 'The name of the channel, without # or @',
		displayOptions: { show: { avatarOf: ['room'] } },
	},
	binaryOutputField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Format',
				name: 'format',
				type: 'options',
				options: [
					{ name: 'JPEG', value: 'jpeg' },
					{ name: 'PNG', value: 'png' },
					{ name: 'SVG', value: 'svg' },
				],
				default: 'svg',
				description:
					'Image format to ask for. An uploaded avatar is returned in its own format whatever is chosen here.',
			},
			{
				displayName: 'Size',
				name: 'size',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 200,
				description:
					'Width and height of the letter avatar in pixels; the server keeps it between 16 and 1024. An uploaded avatar keeps its own size.',
			},
		],
	},
];

export const description = forOperation('user', 'getAvatar', properties);

export const toolDescription = 'Read only: download the avatar image of a Rocket.Chat user or room as a file.';

function subjectOf(p: Parameters): string {
	if ((p.string('avatarOf') || 'user') === 'room') {
		const room = p.requiredString('roomName').replace(/^[#@]/, '');
		if (room === '') p.fail('roomName', 'a value is required');
		return `@${room}`;
	}
	return p.username('username');
}

function imageQuery(p: Parameters): IDataObject {
	const options = p.collection('options');
	const qs: IDataObject = {};
	if (options.format !== undefined && options.format !== '') {
		const format = String(options.format).trim().toLowerCase();
		if (!FORMATS.includes(format)) p.fail('format', `expected JPEG, PNG or SVG, got ${JSON.stringify(options.format)}`);
		// SVG is what the server sends when no format is given.
		if (format !== 'svg') qs.format = format;
	}
	if (options.size !== undefined && options.size !== null && options.size !== '') {
		const size = Number(options.size);
		if (!Number.isInteger(size) || size < 1) {
			p.fail('size', `expected a whole number of pixels of at least 1, got ${JSON.stringify(options.size)}`);
		}
		qs.size = size;
	}
	return qs;
}

/**
 * The avatar image route is served by the web app, not the REST API (server/routes/avatar/index.ts: `/avatar/`;
 * there is no `/api/v1/avatar/…`). It reads no auth headers, only `rc_uid`/`rc_token` in the query or a cookie,
 * which the transport sends to the server's own origin (a workspace blocks anonymous avatar access by default).
 */
export const build: Operation['build'] = (p) => {
	const subject = subjectOf(p);
	return {
		method: 'GET',
		// `@` is valid in a path segment; the server decodes the rest.
		path: `/avatar/${encodeURIComponent(subject).replace(/^%40/, '@')}`,
		qs: imageQuery(p),
		auth: 'none',
		download: {
			binaryProperty: p.requiredString('binaryPropertyName'),
			fileName: `avatar-${subject.replace(/^@/, '')}`,
		},
	};
};
