import * as path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { loadPackageNodeTypes, runWorkflow, type EngineNodeTypes, type RunResult } from './engine';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const NODE_TYPE = 'n8n-nodes-rocketchat.rocketChat';
export const CREDENTIAL = 'rocketChatWorkspaceApi';

let nodeTypes: EngineNodeTypes | undefined;

/** The package's node and credential, from the TypeScript sources (the same code that is built). */
export function packageNodeTypes(): EngineNodeTypes {
	nodeTypes ??= loadPackageNodeTypes(PACKAGE_ROOT, { source: 'ts' });
	return nodeTypes;
}

export interface NodeRun {
	parameters: IDataObject;
	credential: IDataObject;
	inputItems?: INodeExecutionData[];
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	binaryMode?: 'default' | 'filesystem';
	/** The workflow's Timezone setting. */
	timezone?: string;
}

/** Runs one Rocket.Chat node inside n8n-core's WorkflowExecute with the real credential. */
export async function runRocketChat(run: NodeRun): Promise<RunResult> {
	return await runWorkflow(packageNodeTypes(), {
		workflow: {
			nodes: [
				{
					id: 'rc',
					name: 'Rocket.Chat',
					type: NODE_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: run.parameters as INodeParameters,
					credentials: { [CREDENTIAL]: { id: '1', name: 'Rocket.Chat' } },
					...(run.onError ? { onError: run.onError } : {}),
				},
			],
			connections: {},
			...(run.timezone ? { settings: { timezone: run.timezone } } : {}),
		},
		credentials: { [CREDENTIAL]: run.credential },
		inputItems: run.inputItems,
		binaryMode: run.binaryMode,
	});
}
