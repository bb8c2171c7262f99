/**
 * Polls a workflow that starts with a polling trigger the way n8n does while the workflow is active:
 * each `poll()` runs the trigger's `poll` with n8n-core's real PollContext (mode 'trigger'), then, with
 * the items it emitted, the rest of the workflow in WorkflowExecute (see runWorkflow in ./engine.ts).
 * The workflow's static data is carried from one poll to the next, as n8n persists it, so poll cursors
 * behave as in an active workflow. `test()` is the editor's test run (mode 'manual').
 *
 *   const poller = createPoller({ workflow: triggerWorkflow({ event: 'newUser' }), credential });
 *   await poller.poll();                        // first activation: sets the cursor
 *   sim.addUser(...);
 *   const { items } = await poller.poll();      // what the trigger emitted
 */
import * as fs from 'node:fs';
import type { IDataObject, INode, INodeParameters, IPollFunctions, WorkflowActivateMode } from 'n8n-workflow';
import { getContainer, getCore, runWorkflow, type EngineNodeTypes, type EngineWorkflow, type RunResult } from './engine';
import { CREDENTIAL, packageNodeTypes } from './nodeRun';

export const TRIGGER_TYPE = 'n8n-nodes-rocketchat.rocketChatTrigger';
export const TRIGGER_NAME = 'Rocket.Chat Trigger';

export interface PollRun {
	result: RunResult;
	/** `json` of the items the trigger emitted (empty when it returned nothing). */
	items: IDataObject[];
}

export interface Poller {
	/** One scheduled poll of the active workflow; the static data of the previous poll is used and kept. */
	poll(): Promise<PollRun>;
	/** The editor's test run (mode 'manual') with the current static data, which is then kept as well. */
	test(): Promise<PollRun>;
	/** The whole workflow static data as n8n would have persisted it. */
	staticData(): IDataObject;
	/** The trigger node's own static data (`getWorkflowStaticData('node')`). */
	nodeState(): IDataObject | undefined;
}

export interface PollerOptions {
	/** Workflow object or path to a workflow JSON file; its polling trigger is the start node. */
	workflow: EngineWorkflow | string;
	/** Decrypted data of the Rocket.Chat credential. */
	credential: IDataObject;
	/** Default: the package's nodes from the TypeScript sources. */
	nodeTypes?: EngineNodeTypes;
	/** Name of the trigger node (default: the first node of TRIGGER_TYPE). */
	triggerName?: string;
	/** Static data to start with (default: none, i.e. a freshly activated workflow). */
	staticData?: IDataObject;
	activationMode?: WorkflowActivateMode;
	/**
	 * The host's poll budget (`getPollBudgetMs()`) seen by scheduled polls; default n8n-core's PollContext
	 * default (5 minutes). n8n derives a smaller one from its scheduler's poll timeout and lease.
	 */
	pollBudgetMs?: number;
}

/** Runs `task` while every poll n8n-core starts sees `budgetMs` as its poll budget. */
async function withPollBudget<T>(budgetMs: number | undefined, task: () => Promise<T>): Promise<T> {
	if (budgetMs === undefined) return await task();
	const pollers = getContainer().get(getCore().TriggersAndPollers);
	const original = pollers.runPollFunction;
	pollers.runPollFunction = async function (this: unknown, workflow, node, pollFunctions: IPollFunctions) {
		pollFunctions.getPollBudgetMs = () => budgetMs;
		return await original.call(this, workflow, node, pollFunctions);
	};
	try {
		return await task();
	} finally {
		pollers.runPollFunction = original;
	}
}

/** A workflow made of the Rocket.Chat Trigger alone, with the given parameters. */
export function triggerWorkflow(parameters: IDataObject, name = TRIGGER_NAME): EngineWorkflow {
	const node: INode = {
		id: 'trigger',
		name,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: { [CREDENTIAL]: { id: '1', name: 'Rocket.Chat account' } },
	};
	return { nodes: [node], connections: {} };
}

export function createPoller(options: PollerOptions): Poller {
	const workflow: EngineWorkflow =
		typeof options.workflow === 'string'
			? (JSON.parse(fs.readFileSync(options.workflow, 'utf8')) as EngineWorkflow)
			: options.workflow;
	const trigger = options.triggerName
		? workflow.nodes.find((node) => node.name === options.triggerName)
		: workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger) throw new Error(`No ${options.triggerName ?? TRIGGER_TYPE} node in the workflow`);
	const nodeTypes = options.nodeTypes ?? packageNodeTypes();
	let staticData: IDataObject = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;

	const run = async (mode: 'trigger' | 'manual'): Promise<PollRun> => {
		const result = await withPollBudget(options.pollBudgetMs, async () =>
			await runWorkflow(nodeTypes, {
				workflow: { ...workflow, staticData },
				credentials: { [CREDENTIAL]: options.credential },
				mode,
				startNode: trigger.name,
				activationMode: options.activationMode ?? 'activate',
			}),
		);
		staticData = result.staticData;
		const items = result.ran(trigger.name) ? result.json(trigger.name) : [];
		return { result, items };
	};

	return {
		poll: async () => await run('trigger'),
		test: async () => await run('manual'),
		staticData: () => staticData,
		nodeState: () => staticData[`node:${trigger.name}`] as IDataObject | undefined,
	};
}
