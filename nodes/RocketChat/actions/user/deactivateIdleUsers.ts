import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { idleRule, idleRuleFields } from '../shared/idleUsers';

const properties: INodeProperties[] = [
	...idleRuleFields,
	{
		displayName:
			'Deactivated users cannot log in until reactivated (from Rocket.Chat 8.5 their login and OAuth tokens are also revoked). The server does not check room ownership. Run Preview Idle Users with the same values first to see who would be affected.',
		name: 'deactivateIdleNotice',
		type: 'notice',
		default: '',
	},
];

export const description = forOperation('user', 'deactivateIdleUsers', properties);

export const toolDescription =
	'Changes data: deactivate every active Rocket.Chat user of a role who has not logged in for a number of days and return how many were deactivated.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.deactivateIdle',
	body: { ...idleRule(p) },
	permission: 'edit-other-user-active-status',
	output: {},
});
