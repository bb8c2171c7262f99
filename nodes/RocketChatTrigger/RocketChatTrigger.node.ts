import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { getRoles } from '../RocketChat/methods/loadOptions';
import { CREDENTIAL_TYPE, openConnection } from '../RocketChat/transport/connection';
import { send } from '../RocketChat/transport/request';
import { eventSource, type EventOptions } from './events';
import { initialState, isBeyond, selectNew, type PollState } from './pollState';

const PAGE_SIZE = 100;
/** A safety stop for one poll: 1,000 pages of 100 entries. */
const MAX_PAGES = 1000;

export class RocketChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rocket.Chat Trigger',
		name: 'rocketChatTrigger',
		icon: { light: 'file:../RocketChat/rocketchat.svg', dark: 'file:../RocketChat/rocketchat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when a Rocket.Chat user is created or a device session logs in',
		defaults: { name: 'Rocket.Chat Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Device Session',
						value: 'newDeviceSession',
						description: 'A user logged in on a device (Device Management, Enterprise licence)',
					},
					{ name: 'New User', value: 'newUser', description: 'A user account was created' },
				],
				default: 'newUser',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { event: ['newUser'] } },
				options: [
					{
						displayName: 'Role Names or IDs',
						name: 'roles',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getRoles' },
						default: [],
						description:
							'Only users with one of these roles. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: false,
						description: 'Whether to return a simplified version of each user instead of the raw data',
					},
					{
						displayName: 'Types',
						name: 'types',
						type: 'multiOptions',
						options: [
							{ name: 'App', value: 'app' },
							{ name: 'Bot', value: 'bot' },
							{ name: 'User', value: 'user' },
						],
						default: [],
						description: 'Only users of these types',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'sessionOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { event: ['newDeviceSession'] } },
				options: [
					{
						displayName: 'Own Sessions Only',
						name: 'ownSessionsOnly',
						type: 'boolean',
						default: false,
						description:
							"Whether to watch only the credential user's own sessions (needs no view-device-management permission and no 2FA)",
					},
				],
			},
		],
	};

	methods = { loadOptions: { getRoles } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const options = this.getNodeParameter(
			event === 'newUser' ? 'options' : 'sessionOptions',
			{},
		) as IDataObject;
		const source = eventSource(event, options as EventOptions);
		const connection = await openConnection(this);
		const fetchPage = async (offset: number, count: number) => {
			const response = await send(this, connection, source.page(offset, count), 0);
			const items = (response.body as IDataObject)[source.itemsKey];
			return (Array.isArray(items) ? items : []) as IDataObject[];
		};

		// A manual test run shows the newest entry, so the user sees the data's shape; state is untouched.
		if (this.getMode() === 'manual') {
			const newest = (await fetchPage(0, PAGE_SIZE)).find(source.matches);
			return newest ? [this.helpers.returnJsonArray([source.output(newest)])] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		if (state.lastTime === undefined) {
			// First activation: start from the newest existing entry (server time), emit nothing old.
			Object.assign(state, initialState(await fetchPage(0, PAGE_SIZE), source.timeOf));
			return null;
		}

		// Newest first, until an entry is older than the last one seen (however many arrived meanwhile).
		const collected: IDataObject[] = [];
		for (let page = 0; page < MAX_PAGES; page++) {
			const entries = await fetchPage(page * PAGE_SIZE, PAGE_SIZE);
			collected.push(...entries);
			const oldest = entries[entries.length - 1];
			if (entries.length < PAGE_SIZE || !oldest || isBeyond(state, source.timeOf(oldest))) break;
		}
		const { fresh, next } = selectNew(collected, state, source.timeOf);
		Object.assign(state, next);
		const emitted = fresh.filter(source.matches).map(source.output);
		return emitted.length > 0 ? [this.helpers.returnJsonArray(emitted)] : null;
	}
}
