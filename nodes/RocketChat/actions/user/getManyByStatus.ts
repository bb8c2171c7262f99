import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { pagination, returnAllFields, roleFilterField, simplifyField, sortField, sortQuery, userOutput } from '../shared/fields';

const STATUSES = ['active', 'deactivated'];
const INACTIVE_REASONS = ['deactivated', 'idle_too_long', 'pending_approval'];

const properties: INodeProperties[] = [
	...returnAllFields,
	simplifyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Has Logged In',
				name: 'hasLoggedIn',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only users who have logged in at least once (on) or only users who never have (off)',
			},
			{
				displayName: 'Inactive Reasons',
				name: 'inactiveReason',
				type: 'multiOptions',
				options: [
					{ name: 'Deactivated', value: 'deactivated', description: 'Deactivated by an administrator' },
					{ name: 'Idle Too Long', value: 'idle_too_long', description: 'Deactivated by Deactivate Idle' },
					{ name: 'Pending Approval', value: 'pending_approval', description: 'Registered, waiting for approval' },
				],
				default: [],
				description:
					'Only deactivated users with one of these reasons. Needs a recent Rocket.Chat version; older ones reject the option.',
			},
			roleFilterField,
			{
				displayName: 'Search Term',
				name: 'searchTerm',
				type: 'string',
				default: '',
				description: 'Only users whose name, username or e-mail address contains this text',
			},
			sortField,
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Deactivated', value: 'deactivated' },
				],
				default: 'active',
				description: 'Only active or only deactivated users',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'App', value: 'app' },
					{ name: 'Bot', value: 'bot' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
				description: 'Only users of this type',
			},
		],
	},
];

export const description = forOperation('user', 'getManyByStatus', properties);

export const toolDescription =
	'Read only: get many Rocket.Chat users filtered by active status, roles and type and return one item per user.';

/**
 * `roles[]` and `inactiveReason[]` are the wire keys: the server's query parser only makes an array of
 * bracketed keys, and its validator wants arrays. The transport repeats a key once per array element.
 */
export const build: Operation['build'] = (p) => {
	const options = p.collection('options');
	const qs: IDataObject = {};

	const status = p.toAddedText(options.status, 'status');
	if (status !== undefined) {
		if (!STATUSES.includes(status)) p.fail('status', `expected active or deactivated, got ${JSON.stringify(status)}`);
		qs.status = status;
	}
	if (options.hasLoggedIn !== undefined && options.hasLoggedIn !== null && options.hasLoggedIn !== '') {
		const hasLoggedIn = options.hasLoggedIn;
		if (hasLoggedIn !== true && hasLoggedIn !== false && hasLoggedIn !== 'true' && hasLoggedIn !== 'false') {
			p.fail('hasLoggedIn', `expected true or false, got ${JSON.stringify(hasLoggedIn)}`);
		}
		qs.hasLoggedIn = String(hasLoggedIn);
	}
	const type = p.toAddedText(options.type, 'type');
	if (type !== undefined) qs.type = type;

	const roles = p.toList(options.roles, 'roles');
	if (roles.length > 0) qs['roles[]'] = roles;

	const searchTerm = p.toAddedText(options.searchTerm, 'searchTerm');
	if (searchTerm !== undefined) qs.searchTerm = searchTerm;

	const reasons = p.toList(options.inactiveReason, 'inactiveReason');
	for (const reason of reasons) {
		if (!INACTIVE_REASONS.includes(reason)) {
			p.fail('inactiveReason', `expected deactivated, idle_too_long or pending_approval, got ${JSON.stringify(reason)}`);
		}
	}
	if (reasons.length > 0) qs['inactiveReason[]'] = reasons;

	const sort = sortQuery(p, options.sort);
	if (sort) qs.sort = sort;

	return {
		method: 'GET',
		path: '/api/v1/users.listByStatus',
		qs,
		permission: 'view-d-room',
		paginate: pagination(p, 'users'),
		output: userOutput(p, 'users', true),
	};
};
