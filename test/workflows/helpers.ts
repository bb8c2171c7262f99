/**
 * Shared plumbing of the workflow tests: the BUILT package (dist/) in n8n-core's real WorkflowExecute,
 * workflow JSON files of this folder, and checks that are easy to get wrong by hand (secrets, pairing).
 */
// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { getContainer, getCore, loadPackageNodeTypes, runWorkflow, type BinaryMode, type EngineNodeTypes, type EngineWorkflow, type RunResult } from '../support/engine';

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Simulator } from '../../simulator/server';
import type { LoggedRequest } from '../../simulator/types';
import { CREDENTIAL, PACKAGE_ROOT } from '../support/nodeRun';

export { CREDENTIAL };

let nodeTypes: EngineNodeTypes | undefined;

/** The node and credential exactly as n8n loads them: dist/ files listed in package.json. */
export function builtNodeTypes(): EngineNodeTypes {
	if (!nodeTypes) {
		if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist/nodes/RocketChat/RocketChat.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
		}
		nodeTypes = loadPackageNodeTypes(PACKAGE_ROOT, { source: 'dist' });
	}
	return nodeTypes;
}

/** A workflow file of test/workflows/ (`<name>.workflow.json`), as a fresh object. */
export function loadWorkflow(name: string): EngineWorkflow {
	return JSON.parse(fs.readFileSync(path.join(__dirname, `${name}.workflow.json`), 'utf8')) as EngineWorkflow;
}

export interface RunFileOptions {
	/** Decrypted data of the rocketChatWorkspaceApi credential every Rocket.Chat node of the file references. */
	credential: IDataObject;
	inputItems?: INodeExecutionData[];
	/** Start at this node (it then gets `inputItems`) instead of the trigger. */
	startNode?: string;
	binaryMode?: BinaryMode;
	/** Changes to the loaded workflow before it runs (e.g. a node parameter). */
	patch?: (workflow: EngineWorkflow) => void;
}

/** Loads a workflow file, plugs the credential in and runs it in n8n-core. */
export async function runFile(name: string, options: RunFileOptions): Promise<RunResult> {
	const workflow = loadWorkflow(name);
	for (const node of workflow.nodes) {
		if (node.type.startsWith('n8n-nodes-rocketchat.')) {
			// Exported workflows reference credentials by id/name; the data comes from `credentials` below.
			expect(Object.keys(node.credentials ?? {})).toEqual([CREDENTIAL]);
		}
	}
	options.patch?.(workflow);
	return await runWorkflow(builtNodeTypes(), {
		workflow,
		credentials: { [CREDENTIAL]: options.credential },
		inputItems: options.inputItems,
		startNode: options.startNode,
		binaryMode: options.binaryMode,
	});
}

export { credentialFor } from '../support/simCredential';

export function requestsTo(sim: Simulator, pathName: string): LoggedRequest[] {
	return sim.requests.filter((request) => request.path === pathName);
}

/** The API calls (not the avatar image route) in the order the simulator received them. */
export function apiCalls(sim: Simulator): string[] {
	return sim.requests.map((request) => `${request.method} ${request.path}`);
}

export function pairedItems(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.pairedItem);
}

/**
 * Every string reachable from a value: enumerable properties, Error messages/stacks/descriptions,
 * causes and contexts, Buffers as text. Cycles are followed once.
 */
export function reachableText(value: unknown): string {
	const seen = new Set<unknown>();
	const out: string[] = [];
	const visit = (current: unknown, depth: number) => {
		if (current === null || current === undefined || depth > 40) return;
		if (typeof current === 'string') {
			out.push(current);
			return;
		}
		if (typeof current === 'number' || typeof current === 'boolean' || typeof current === 'bigint') {
			out.push(String(current));
			return;
		}
		if (typeof current !== 'object' || seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current)) {
			out.push(current.toString('utf8'), current.toString('base64'));
			return;
		}
		const keys = new Set<string>(Object.keys(current));
		if (current instanceof Error) {
			for (const key of Object.getOwnPropertyNames(current)) keys.add(key);
			for (const key of ['message', 'stack', 'description', 'cause', 'context', 'messages']) keys.add(key);
		}
		for (const key of keys) {
			let child: unknown;
			try {
				child = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			out.push(key);
			visit(child, depth + 1);
		}
	};
	visit(value, 0);
	return out.join('\n');
}

/**
 * Fails when any of the secrets occurs in anything the run produced: outputs and errors of the given
 * nodes (default: the whole run data, every node) and the error that stopped the run.
 */
export function expectNoSecrets(result: RunResult, secrets: Array<string | undefined>, nodes?: string[]): void {
	const runData = result.run.data.resultData.runData;
	for (const name of nodes ?? []) expect(runData[name]?.length ?? 0).toBeGreaterThan(0);
	const produced = nodes ? nodes.map((name) => runData[name]) : result.run;
	const text = [reachableText(produced), reachableText(result.error), reachableText(result.nodeErrors)].join('\n');
	for (const secret of secrets) {
		if (!secret) continue;
		expect(secret.length).toBeGreaterThan(3);
		if (text.includes(secret)) {
			throw new Error(`A secret (${secret.slice(0, 3)}…) appears in the run's outputs or errors`);
		}
	}
}

/** The bytes of a binary property, whichever mode n8n stored it in (base64 in the item, or on disk). */
export async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	if (binary.id) {
		const { BinaryDataService } = getCore();
		return await getContainer().get(BinaryDataService).getAsBuffer(binary);
	}
	return Buffer.from(binary.data, 'base64');
}
