import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import { toolDescriptionProperties } from '../toolDescription';
import * as get from './get';
import * as getAll from './getAll';
import * as getManyOwn from './getManyOwn';
import * as getOwn from './getOwn';
import * as logout from './logout';
import * as logoutOwn from './logoutOwn';

/** Operation value → its fields and request builder. */
export const deviceManagementOperations: Record<string, Operation> = {
	get,
	getAll,
	getManyOwn,
	getOwn,
	logout,
	logoutOwn,
};

export const deviceManagementDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['deviceManagement'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many sessions', description: 'List the device sessions of every user, one item each; changes nothing (sessions/list.all)' },
			{ name: 'Get Many Own Sessions', value: 'getManyOwn', action: 'Get many own sessions', description: 'List the device sessions of the account of the n8n credential; changes nothing (sessions/list)' },
			{ name: 'Get Own Session', value: 'getOwn', action: 'Get own session', description: 'Get one device session of the account of the n8n credential; changes nothing (sessions/info)' },
			{ name: 'Get Session', value: 'get', action: 'Get session', description: 'Get any device session with its user; changes nothing (sessions/info.admin)' },
			{ name: 'Log Out Own Session', value: 'logoutOwn', action: 'Log out own session', description: 'End one device session of the account of the n8n credential (sessions/logout.me)' },
			{ name: 'Log Out Session', value: 'logout', action: 'Log out session', description: 'End any device session (sessions/logout)' },
		],
		default: 'getAll',
	},
	...toolDescriptionProperties('deviceManagement', deviceManagementOperations),
	...Object.values(deviceManagementOperations).flatMap((operation) => operation.description),
];
