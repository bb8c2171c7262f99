import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { deviceManagementDescription } from './actions/deviceManagement';
import { router } from './actions/router';
import { requestOptionsField } from './actions/shared/fields';
import { userDescription } from './actions/user';
import { searchUsers } from './methods/listSearch';
import { getRoles } from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './transport/connection';

export class RocketChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rocket.Chat',
		name: 'rocketChat',
		icon: { light: 'file:rocketchat.svg', dark: 'file:rocketchat.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Administer Rocket.Chat users, avatars, tokens, two-factor settings and device sessions',
		defaults: { name: 'Rocket.Chat' },
		usableAsTool: true,
		// For n8n's AI workflow builder (n8n 2.x); older n8n ignores the key.
		builderHint: {
			searchHint:
				'Rocket.Chat user and device-session administration. As a tool, every operation is described to the model starting with "Read only", "Changes data" or "Sends e-mail"; Preview Idle Users shows who Deactivate Idle Users would deactivate; Create or Update makes onboarding re-runs create nobody twice.',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Device Management', value: 'deviceManagement' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...userDescription,
			...deviceManagementDescription,
			requestOptionsField,
		],
	};

	methods = {
		listSearch: { searchUsers },
		loadOptions: { getRoles },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
