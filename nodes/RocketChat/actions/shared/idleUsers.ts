import type { INodeProperties } from 'n8n-workflow';
import type { Parameters } from '../parameters';

/** The rule of users.deactivateIdle, shared by Preview Idle Users (reads) and Deactivate Idle Users (acts). */
export const idleRuleFields: INodeProperties[] = [
	{
		displayName: 'Days Idle',
		name: 'daysIdle',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		required: true,
		default: 90,
		description:
			'Users whose last login is at least this many days ago, and users who never logged in and were created at least this many days ago',
	},
	{
		displayName: 'Role Name or ID',
		name: 'role',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRoles' },
		default: 'user',
		description:
			'Only users with this role (one role per call). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export interface IdleRule {
	daysIdle: number;
	role: string;
}

export function idleRule(p: Parameters): IdleRule {
	return { daysIdle: p.integer('daysIdle', 1), role: p.string('role') || 'user' };
}
