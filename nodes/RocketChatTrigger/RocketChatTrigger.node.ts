import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { roleFilterField, simplifyField } from '../RocketChat/actions/shared/fields';
import { getRoles } from '../RocketChat/methods/loadOptions';
import { CREDENTIAL_TYPE, openConnection, type Connection } from '../RocketChat/transport/connection';
import { send } from '../RocketChat/transport/request';
import { eventSource, type EventOptions, type EventSource } from './events';
import { mapPrefixUntil, readNewestFirst, type FetchPage } from './walk';

/** A safety stop for one poll: 1,000 pages of 100 entries. */
const MAX_PAGES = 1000;
/** A manual run looks this far for an entry that passes the filters. */
const MANUAL_MAX_PAGES = 10;
/** Shares of the host's poll budget: reading pages, then completing entries (Full Profile); the rest is the hand-off. */
const WALK_SHARE = 0.6;
const DETAILS_SHARE = 0.85;
/** Full Profile requests at the same time. */
const DETAILS_CONCURRENCY = 4;

/** n8n 2.38 added getPollBudgetMs; older hosts have no budget (only the page limit applies). */
function pollBudgetMs(context: IPollFunctions): number | undefined {
	const host = context as { getPollBudgetMs?: () => unknown };
	if (typeof host.getPollBudgetMs !== 'function') return undefined;
	const budget = host.getPollBudgetMs();
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : undefined;
}

/** Replaces the node's static data, so that no key of an earlier state lingers. */
function writeState(staticData: IDataObject, state: IDataObject): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, state);
}

/**
 * The items for the new entries (oldest first) that pass the filters, completed with their details when
 * the source has them. Completing stops at the deadline; `handled` says how many of `entries` (a prefix)
 * were dealt with, so the state can leave the rest for the next poll.
 */
async function emitOldestFirst(
	context: IPollFunctions,
	connection: Connection,
	source: EventSource,
	entries: IDataObject[],
	deadline?: number,
): Promise<{ items: IDataObject[]; handled: number }> {
	const wanted = entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => source.matches(entry));
	const details = source.details;
	if (!details) return { items: wanted.map(({ entry }) => source.output(entry)), handled: entries.length };
	const completed = await mapPrefixUntil(wanted, DETAILS_CONCURRENCY, deadline, async ({ entry }) => {
		const response = await send(context, connection, details.request(entry), 0);
		return details.merge(entry, (response.body ?? {}) as IDataObject);
	});
	const handled = completed.length < wanted.length ? wanted[completed.length].index : entries.length;
	return { items: completed.map((entry) => source.output(entry)), handled };
}

export class RocketChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rocket.Chat Trigger',
		name: 'rocketChatTrigger',
		icon: { light: 'file:../RocketChat/rocketchat.svg', dark: 'file:../RocketChat/rocketchat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "newDeviceSession" ? "New Device Session" : "New User"}}',
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
			{ ...simplifyField, displayOptions: { show: { event: ['newUser'] } } },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { event: ['newUser'] } },
				options: [
					{
						displayName: 'Full Profile',
						name: 'fullProfile',
						type: 'boolean',
						default: false,
						description:
							'Whether to read each new user with users.info, which adds what users.list leaves out: creation date, language, custom fields and more (one request per new user; creation date and custom fields need the view-full-other-user-info permission)',
					},
					roleFilterField,
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
		const options = {
			...(this.getNodeParameter(event === 'newDeviceSession' ? 'sessionOptions' : 'options', {}) as IDataObject),
			...(event === 'newDeviceSession' ? {} : { simplify: this.getNodeParameter('simplify', false) }),
		} as EventOptions;
		const source = eventSource(event, options);
		const connection = await openConnection(this);
		const fetchPage: FetchPage = async (offset, count) => {
			const body = (await send(this, connection, source.page(offset, count), 0)).body as IDataObject;
			const entries = body[source.itemsKey];
			return {
				entries: (Array.isArray(entries) ? entries : []) as IDataObject[],
				total: typeof body.total === 'number' ? body.total : undefined,
			};
		};

		// A manual test run shows the newest entry that passes the filters, so the user sees the data's
		// shape; the state is not touched.
		if (this.getMode() === 'manual') {
			const walk = await readNewestFirst(fetchPage, {
				idOf: source.idOf,
			sortKeyOf: source.sortKeyOf,
				readEnough: (window) => window.some(source.matches),
				maxPages: MANUAL_MAX_PAGES,
			});
			const newest = walk.window.find(source.matches);
			const { items } = await emitOldestFirst(this, connection, source, newest ? [newest] : []);
			return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		// Another event or another server makes a stored state meaningless: start over.
		const scope = `${source.scope} ${connection.baseUrl}`;
		const state = staticData.scope === scope ? source.tracker.read(staticData) : undefined;
		if (state === undefined) {
			// First activation: everything listed now counts as seen; nothing old is emitted.
			const walk = await readNewestFirst(fetchPage, { idOf: source.idOf, readEnough: () => true, maxPages: 1 });
			writeState(staticData, { scope, ...source.tracker.start(walk) });
			return null;
		}

		// Newest first until what was seen last time, however many entries arrived meanwhile (within the
		// host's poll budget: a poll that overruns it is abandoned, state and all).
		const started = Date.now();
		const budget = pollBudgetMs(this);
		const walk = await readNewestFirst(fetchPage, {
			idOf: source.idOf,
			sortKeyOf: source.sortKeyOf,
			readEnough: (window) => source.tracker.readEnough(state, window),
			maxPages: MAX_PAGES,
			deadline: budget === undefined ? undefined : started + budget * WALK_SHARE,
		});
		const selection = source.tracker.select(state, walk);
		if (walk.cut) {
			this.logger.warn(
				`Rocket.Chat Trigger: more new entries than one poll can read (${walk.pages} pages read); the ${selection.fresh.length} newest are emitted, older ones since the last poll are skipped`,
			);
		} else if (selection.lostTrack) {
			this.logger.warn(
				`Rocket.Chat Trigger: none of the users remembered from the last poll is listed any more (deleted); only the ${selection.fresh.length} users that are new for certain are emitted`,
			);
		}
		const { items, handled } = await emitOldestFirst(
			this,
			connection,
			source,
			selection.fresh,
			budget === undefined ? undefined : started + budget * DETAILS_SHARE,
		);
		// Only after every request succeeded: a failed poll leaves the state as it was, for the next poll.
		writeState(staticData, { scope, ...selection.after(handled) });
		return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	}
}
