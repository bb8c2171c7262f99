/**
 * In-process n8n workflow engine for tests.
 *
 * Runs workflows through n8n-core's real `WorkflowExecute` (same node-execution contexts, helpers,
 * expression engine, parameter validation, paired items, onError routing and binary-data service
 * as the n8n app), with:
 *  - an in-memory credentials helper that applies a credential class's `authenticate` exactly as
 *    n8n's CredentialsHelper does (generic object form with `={{$credentials.x}}` expressions, or a
 *    function), applies credential property defaults, resolves credential expressions and supports
 *    `preAuthentication`;
 *  - stand-ins for the few n8n-nodes-base nodes test workflows use (see ./core-nodes.ts);
 *  - `testCredential()`, a port of n8n's CredentialsTester (the "Test" button of the credential UI).
 *
 * n8n-core is required lazily, once per module instance (= once per jest test file; jest gives every
 * test file its own module registry), after N8N_USER_FOLDER has been pointed at a temp folder.
 * Import this module before anything that loads n8n-core at module load time.
 *
 * Usage:
 *   const types = loadPackageNodeTypes(path.resolve(__dirname, '../..'));        // built dist/ + stand-ins
 *   // or: createNodeTypes({ nodes: { 'n8n-nodes-x.myNode': MyNode }, credentials: [MyApi] })
 *   const result = await runWorkflow(types, {
 *     workflow: path.join(__dirname, 'workflows/get-user.json'),                 // or an object
 *     credentials: { rocketChatWorkspaceApi: { serverUrl, userId, authToken } },  // by credential TYPE
 *     inputItems: [{ json: { id: 'abc' } }],                                      // if not starting at a trigger
 *   });
 *   expect(result.status).toBe('success');
 *   expect(result.json('Rocket.Chat')).toEqual([...]);
 *
 * Workflow nodes must reference their credentials like exported workflows do
 * (`"credentials": { "<type>": { "id": "1", "name": "any" } }`), otherwise n8n-core fails the node
 * with "Node does not have any credentials set". The data comes from `options.credentials[<type>]`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialTestFunction,
	ICredentialTestRequestData,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IPinData,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	deepCopy,
	isExpression,
} from 'n8n-workflow';

import { coreNodeTypes } from './core-nodes';

type Core = typeof import('n8n-core');
interface DiContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
}

// ---------------------------------------------------------------------------------------------
// Lazy, single load of n8n-core (after N8N_USER_FOLDER points at a throwaway folder)
// ---------------------------------------------------------------------------------------------

let userFolder: string | undefined;
let core: Core | undefined;
let container: DiContainer | undefined;

/** The throwaway N8N_USER_FOLDER of this module instance (n8n-core writes `.n8n/config` there). */
export function engineUserFolder(): string {
	if (!userFolder) {
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-engine-'));
		// Always override: tests must never touch a developer's real ~/.n8n.
		process.env.N8N_USER_FOLDER = userFolder;
	}
	return userFolder;
}

// Remove the temp folder (config + filesystem-mode binary data) after the test file.
if (typeof afterAll === 'function') {
	try {
		afterAll(() => {
			if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		});
	} catch {
		// imported from inside a test: hooks cannot be registered there; the OS temp dir is cleaned eventually
	}
}

/** n8n-core, required once (sets N8N_USER_FOLDER first). */
export function getCore(): Core {
	if (!core) {
		engineUserFolder();
		// n8n's winston logger prints node errors via the ErrorReporter; keep test output clean.
		// Set N8N_ENGINE_LOG_LEVEL=debug|info|warn|error to see n8n-core's logs.
		process.env.N8N_LOG_LEVEL = process.env.N8N_ENGINE_LOG_LEVEL ?? 'silent';
		core = require('n8n-core') as Core;
	}
	return core;
}

/** The @n8n/di Container instance n8n-core itself uses (resolved from n8n-core's location). */
export function getContainer(): DiContainer {
	if (!container) {
		getCore();
		const diPath = require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] });
		container = (require(diPath) as { Container: DiContainer }).Container;
	}
	return container;
}

// ---------------------------------------------------------------------------------------------
// Node / credential type registry
// ---------------------------------------------------------------------------------------------

type NodeTypeLike = INodeType | IVersionedNodeType | (new () => INodeType | IVersionedNodeType);
type CredentialTypeLike = ICredentialType | (new () => ICredentialType);

export interface NodeTypesInit {
	/** Node types keyed by their FULL type name as used in workflow JSON, e.g. 'n8n-nodes-rocketchat.rocketChat'. */
	nodes?: Record<string, NodeTypeLike>;
	/** Credential types (instances or classes); registered under their `name`. */
	credentials?: CredentialTypeLike[] | Record<string, CredentialTypeLike>;
	/** Register the n8n-nodes-base stand-ins from ./core-nodes.ts (default true). */
	coreNodes?: boolean;
}

function isVersioned(t: INodeType | IVersionedNodeType): t is IVersionedNodeType {
	return 'nodeVersions' in t && typeof (t as IVersionedNodeType).nodeVersions === 'object';
}

function instantiate<T extends object>(x: T | (new () => T)): T {
	return typeof x === 'function' ? new (x as new () => T)() : x;
}

/** INodeTypes for the engine, plus the credential types the credentials helper needs. */
export class EngineNodeTypes implements INodeTypes {
	private readonly nodes = new Map<string, INodeType | IVersionedNodeType>();

	readonly credentialTypes = new Map<string, ICredentialType>();

	constructor(init: NodeTypesInit = {}) {
		if (init.coreNodes !== false) {
			for (const [name, type] of Object.entries(coreNodeTypes())) this.addNode(name, type);
		}
		for (const [name, type] of Object.entries(init.nodes ?? {})) this.addNode(name, type);
		const creds = Array.isArray(init.credentials) ? init.credentials : Object.values(init.credentials ?? {});
		for (const cred of creds) this.addCredential(cred);
	}

	/**
	 * Register a node type under its full name. Like n8n's package loader, the description's `name`
	 * is rewritten to the full type name (n8n-core and the credential tester rely on that).
	 */
	addNode(typeName: string, type: NodeTypeLike): this {
		const instance = instantiate(type);
		const descriptions = isVersioned(instance)
			? [instance.description, ...Object.values(instance.nodeVersions).map((v) => v.description)]
			: [instance.description];
		for (const d of descriptions) if (d) d.name = typeName;
		this.nodes.set(typeName, instance);
		return this;
	}

	addCredential(type: CredentialTypeLike): this {
		const instance = instantiate(type);
		this.credentialTypes.set(instance.name, instance);
		return this;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.nodes.get(nodeType) as INodeType | IVersionedNodeType;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.nodes.get(nodeType);
		// Unknown types yield undefined (n8n then reports a `typeUnknown` workflow issue).
		return (type ? NodeHelpers.getVersionedNodeType(type, version) : undefined) as INodeType;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.nodes.keys()].map((k) => [k, { className: k, sourcePath: '' }]));
	}

	nodeTypeNames(): string[] {
		return [...this.nodes.keys()];
	}

	getCredentialType(name: string): ICredentialType {
		const type = this.credentialTypes.get(name);
		if (!type) {
			throw new Error(
				`Unknown credential type "${name}". Known: ${[...this.credentialTypes.keys()].join(', ') || '(none)'}`,
			);
		}
		return type;
	}

	/** Full names of the node types that list `credentialType` in (any version of) their description. */
	getSupportedNodes(credentialType: string): string[] {
		const out: string[] = [];
		for (const [name, type] of this.nodes) {
			const versions = isVersioned(type) ? Object.values(type.nodeVersions) : [type];
			if (versions.some((v) => v.description.credentials?.some((c) => c.name === credentialType))) out.push(name);
		}
		return out;
	}

	getParentTypes(name: string): string[] {
		const type = this.credentialTypes.get(name);
		if (!type?.extends) return [];
		const parents = [...type.extends];
		for (const p of type.extends) parents.push(...this.getParentTypes(p));
		return parents;
	}
}

/** Build a registry from explicit node / credential classes (plus the core stand-ins). */
export function createNodeTypes(init: NodeTypesInit = {}): EngineNodeTypes {
	return new EngineNodeTypes(init);
}

interface PackageJson {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export interface LoadPackageOptions {
	/**
	 * 'dist' (default): the built files listed in package.json, exactly what n8n loads.
	 * 'ts': the TypeScript sources they are compiled from (`dist/<x>.js` -> `<x>.ts`), transpiled by
	 * ts-jest; handy while `npm run build` is broken elsewhere. Only works under jest/ts-node.
	 */
	source?: 'dist' | 'ts';
}

/** Loads `dist/...` files like n8n's loader: the exported class must be named like the file. */
function loadClass(
	packageRoot: string,
	listedPath: string,
	suffix: '.node.js' | '.credentials.js',
	source: 'dist' | 'ts',
): new () => object {
	const relPath = source === 'ts' ? listedPath.replace(/^(\.\/)?dist\//, '').replace(/\.js$/, '.ts') : listedPath;
	const file = path.resolve(packageRoot, relPath);
	if (!fs.existsSync(file)) {
		throw new Error(
			source === 'ts'
				? `${relPath} (source of ${listedPath} listed in package.json "n8n") does not exist`
				: `${relPath} (listed in package.json "n8n") does not exist - build the package first (npm run build)`,
		);
	}
	const className = path.basename(listedPath, suffix);
	const mod = require(file) as Record<string, unknown>;
	const cls = mod[className];
	if (typeof cls !== 'function') {
		throw new Error(
			`${relPath} does not export a class named "${className}" (n8n requires the export to match the file name); exports: ${Object.keys(mod).join(', ')}`,
		);
	}
	return cls as new () => object;
}

/**
 * Loads the package's built node(s) and credential(s) from package.json's "n8n" section, registered
 * as n8n does for community packages (`<package name>.<node name>`), plus the core stand-ins.
 */
export function loadPackageNodeTypes(packageRoot: string, options: LoadPackageOptions = {}): EngineNodeTypes {
	const source = options.source ?? 'dist';
	const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as PackageJson;
	const registry = new EngineNodeTypes();
	for (const rel of pkg.n8n?.credentials ?? []) {
		registry.addCredential(loadClass(packageRoot, rel, '.credentials.js', source) as new () => ICredentialType);
	}
	for (const rel of pkg.n8n?.nodes ?? []) {
		const Cls = loadClass(packageRoot, rel, '.node.js', source) as new () => INodeType | IVersionedNodeType;
		const instance = new Cls();
		const shortName = instance.description.name.split('.').pop() as string;
		registry.addNode(`${pkg.name}.${shortName}`, instance);
	}
	return registry;
}

// ---------------------------------------------------------------------------------------------
// Credentials helper (port of packages/cli/src/credentials-helper.ts, in-memory)
// ---------------------------------------------------------------------------------------------

/** Decrypted credential data by credential type name. */
export interface EngineCredentials {
	[credentialType: string]: Record<string, unknown>;
}

const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

export class EngineCredentialsHelper extends ICredentialsHelper {
	/** Credential data by type; updated by preAuthentication / OAuth token updates, like n8n's DB. */
	readonly store: Record<string, ICredentialDataDecryptedObject>;

	constructor(
		private readonly types: EngineNodeTypes,
		credentials: EngineCredentials = {},
	) {
		super();
		this.store = deepCopy(credentials) as Record<string, ICredentialDataDecryptedObject>;
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const def = this.types.credentialTypes.get(credentialType);
		if (!def?.restrictToSupportedNodes) return true;
		return this.types.getSupportedNodes(credentialType).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.types.getCredentialType(typeName);
		const { authenticate } = credentialType;
		if (authenticate) {
			if (typeof authenticate === 'function') {
				return await authenticate(credentials, requestOptions as IHttpRequestOptions);
			}
			if (typeof authenticate === 'object') {
				if (!workflow || !node) {
					throw new Error('Workflow and node are required for declarative credential authentication');
				}
				if (requestOptions.headers === undefined) requestOptions.headers = {};
				if (authenticate.type === 'generic') {
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as IDataObject)) {
							const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
							const valueResolved = this.resolveValue(value as string, { $credentials: credentials }, workflow, node);
							const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
							if (!target[outerKey]) target[outerKey] = {};
							target[outerKey][keyResolved] = valueResolved;
						}
					}
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const value = workflow.expression.getSimpleParameterValue(node, parameterValue, 'internal', additionalKeys, undefined, '');
		if (!value) return '';
		return value.toString();
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.getCredentialType(typeName);
		const expirable = credentialType.properties.find((p) => p.type === 'hidden' && p?.typeOptions?.expirable === true);
		if (expirable?.name === undefined) return undefined;
		// The credential tester's temp node: credentials are always re-authenticated there.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials) {
			const output = await credentialType.preAuthentication.call(helpers, credentials);
			if (output[expirable.name] === undefined) return undefined;
			if (node.credentials) {
				const stored = this.store[credentialType.name] ?? {};
				const toPersist: ICredentialDataDecryptedObject = { ...stored };
				for (const [key, value] of Object.entries(output)) {
					if (key === expirable.name || !isExpression(stored[key])) {
						toPersist[key] = value as ICredentialDataDecryptedObject[string];
					}
				}
				await this.updateCredentials(node.credentials[credentialType.name], credentialType.name, toPersist);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const { Credentials } = getCore();
		const credentials = new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name }, type);
		credentials.setData(this.requireStored(type, nodeCredentials));
		return credentials;
	}

	private requireStored(type: string, nodeCredentials?: INodeCredentialsDetails): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (!data) {
			throw new Error(
				`No credentials of type "${type}" were given to runWorkflow()${nodeCredentials ? ` (node credential "${nodeCredentials.name}")` : ''}; pass them as options.credentials["${type}"]`,
			);
		}
		return data;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = deepCopy(this.requireStored(type, nodeCredentials));
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	/** Credential property defaults + expression resolution, as n8n does (no overwrites configured). */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(properties, original as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (data[key] === undefined && original[key] !== undefined) data[key] = original[key];
		}
		const additionalKeys = getCore().getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({ nodes: [{ ...mockNode }], connections: {}, active: false, nodeTypes: mockNodeTypes });
			data = workflow.expression.getComplexParameterValue(
				mockNode,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...(this.store[type] ?? {}), oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const def = this.types.getCredentialType(type);
		if (def.extends === undefined) return def.properties;
		const combined: INodeProperties[] = [];
		for (const parent of def.extends) NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		NodeHelpers.mergeNodeProperties(combined, def.properties);
		return combined;
	}
}

// ---------------------------------------------------------------------------------------------
// Binary data
// ---------------------------------------------------------------------------------------------

export type BinaryMode = 'default' | 'filesystem';
let activeBinaryMode: BinaryMode | undefined;

/** Folder where filesystem-mode binary data is stored (`<N8N_USER_FOLDER>/binaryData`). */
export function binaryStoragePath(): string {
	return path.join(engineUserFolder(), 'binaryData');
}

/**
 * Initialise n8n-core's BinaryDataService (a Container singleton) in the given mode.
 * 'default': binary stays base64 in the item (`binary.data`), like N8N_DEFAULT_BINARY_DATA_MODE=default.
 * 'filesystem': written under binaryStoragePath(); items carry `binary.id = 'filesystem-v2:…'` and
 * `binary.data = 'filesystem-v2'` (what n8n 2.x does by default in regular mode).
 */
export async function setBinaryMode(mode: BinaryMode): Promise<void> {
	if (activeBinaryMode === mode) return;
	const { BinaryDataConfig, BinaryDataService } = getCore();
	const di = getContainer();
	const config = di.get(BinaryDataConfig);
	config.mode = mode;
	config.localStoragePath = binaryStoragePath();
	await di.get(BinaryDataService).init();
	activeBinaryMode = mode;
}

// ---------------------------------------------------------------------------------------------
// Running workflows
// ---------------------------------------------------------------------------------------------

export interface EngineWorkflow {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

export interface RunOptions {
	/** Workflow object, or path to a workflow JSON file as exported by n8n. */
	workflow: EngineWorkflow | string;
	/** Decrypted credential data by credential type name. */
	credentials?: EngineCredentials;
	/**
	 * Items fed to the start node when it is not a trigger (default: one empty item, as n8n does).
	 * When the start node IS a trigger and mode !== 'manual', these are the items the trigger
	 * "emitted"; in 'manual' mode the trigger itself runs (manualTriggerFunction).
	 */
	inputItems?: INodeExecutionData[];
	/** Name of the node to start from (default: workflow.getStartNode(), i.e. the trigger). */
	startNode?: string;
	/** Default 'manual'. */
	mode?: WorkflowExecuteMode;
	/** Default 'default' (in-memory base64). 'filesystem' stores binary data on disk. */
	binaryMode?: BinaryMode;
	/**
	 * What to do with the workflow's `pinData`. 'expected' (default): n8n's node-test convention -
	 * pinData holds EXPECTED outputs; it is not pinned and is returned as `result.expectedPinData`.
	 * 'pin': pinned nodes are not executed, their pinData is used as output (manual mode only, as in n8n).
	 */
	pinDataMode?: 'expected' | 'pin';
	/**
	 * Activation mode seen by a trigger/poll start node when mode !== 'manual' (default 'activate').
	 * Feed `result.staticData` back in as `workflow.staticData` to emulate consecutive polls.
	 */
	activationMode?: WorkflowActivateMode;
}

export interface RunResult {
	/** IRun.status: 'success' | 'error' | 'canceled' | 'waiting' | … */
	status: string;
	/**
	 * The error that stopped the run: the original instance thrown by the node (NodeApiError,
	 * NodeOperationError, …) when available, otherwise n8n's serialised copy from the run data.
	 */
	error?: unknown;
	run: IRun;
	/** Output items of a node: [outputIndex][item]. Throws if the node did not run. */
	output(nodeName: string, runIndex?: number): INodeExecutionData[][];
	/** `json` of every item of main output `outputIndex` (default 0) of the node's first run. */
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** Whether the node executed at least once. */
	ran(nodeName: string): boolean;
	/** Original error instances thrown by nodes in this run (also those routed by onError), by node name. */
	nodeErrors: Record<string, unknown>;
	/** workflow static data after the run (what n8n persists for active workflows, e.g. poll cursors). */
	staticData: IDataObject;
	/** The workflow's pinData when pinDataMode is 'expected'. */
	expectedPinData?: IPinData;
	executionId: string;
	requestsSent?: never;
}

let executionCounter = 0;

function readWorkflow(workflow: EngineWorkflow | string): EngineWorkflow {
	if (typeof workflow === 'string') {
		return JSON.parse(fs.readFileSync(workflow, 'utf8')) as EngineWorkflow;
	}
	return deepCopy(workflow);
}

/** n8n's SsrfProtectionService when its configuration (N8N_SSRF_* variables) switches the protection on. */
function ssrfProtection(): unknown {
	const coreDir = path.dirname(require.resolve('n8n-core'));
	const load = (name: string) => require(require.resolve(name, { paths: [coreDir] })) as Record<string, unknown>;
	const { SsrfProtectionConfig } = load('@n8n/config') as { SsrfProtectionConfig: new () => { enabled: boolean } };
	const network = load('@n8n/backend-network') as { SsrfProtectionService: new (...args: never[]) => unknown };
	const container = getContainer();
	// n8n-core before its SSRF protection has neither.
	if (!SsrfProtectionConfig || !network.SsrfProtectionService || !container.get(SsrfProtectionConfig).enabled) return undefined;
	return container.get(network.SsrfProtectionService as abstract new (...args: never[]) => unknown);
}

function baseAdditionalData(
	credentialsHelper: ICredentialsHelper,
	executionId: string,
	workflowId: string,
): IWorkflowExecuteAdditionalData {
	const { ExternalSecretsProxy } = getCore();
	const base = 'http://localhost:5678';
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		executionId,
		workflowId,
		userId: 'engine-test-user',
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: async () => {
			throw new Error('Sub-workflow execution is not supported by the test engine');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners (Code node) are not supported by the test engine');
		},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
	// As n8n's own getBase(): with N8N_SSRF_PROTECTION_ENABLED=true (read by @n8n/config when first asked), every
	// request helper of the execution checks its target through n8n's SsrfProtectionService.
	const ssrf = ssrfProtection();
	if (ssrf) additionalData.ssrfBridge = ssrf as IWorkflowExecuteAdditionalData['ssrfBridge'];
	return additionalData as IWorkflowExecuteAdditionalData;
}

function asEngineTypes(nodeTypes: INodeTypes): EngineNodeTypes {
	if (nodeTypes instanceof EngineNodeTypes) return nodeTypes;
	throw new Error('runWorkflow() needs the registry from createNodeTypes() or loadPackageNodeTypes()');
}

/**
 * Items a trigger/poll start node hands to the run when mode !== 'manual' (where the engine does not
 * call trigger()/poll() itself). Poll: what n8n's PollTriggerExecutor does on a scheduled poll; a
 * `null` result means "nothing new" (n8n would not start an execution; here the run proceeds with
 * zero items). Trigger: its manual-mode emission.
 */
async function triggerItems(
	workflow: Workflow,
	node: INode,
	type: INodeType,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
	options: RunOptions,
): Promise<INodeExecutionData[]> {
	if (type.poll) {
		const { PollContext, TriggersAndPollers } = getCore();
		const context = new PollContext(workflow, node, additionalData, mode, options.activationMode ?? 'activate');
		const polled = await getContainer().get(TriggersAndPollers).runPollFunction(workflow, node, context);
		return polled?.[0] ?? [];
	}
	return await emitTriggerItems(workflow, node, additionalData);
}

/** Runs the trigger's manual-mode function (what the engine does in manual mode) and returns its items. */
async function emitTriggerItems(
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
): Promise<INodeExecutionData[]> {
	const { TriggersAndPollers, getExecuteTriggerFunctions } = getCore();
	const response = await getContainer()
		.get(TriggersAndPollers)
		.runTriggerFunction(workflow, node, getExecuteTriggerFunctions, additionalData, 'manual', 'manual');
	if (!response) return [];
	try {
		if (response.manualTriggerFunction) await response.manualTriggerFunction();
		const data = await response.manualTriggerResponse;
		return data?.[0] ?? [];
	} finally {
		if (response.closeFunction) await response.closeFunction();
	}
}

function plainStaticData(workflow: Workflow): IDataObject {
	const data = JSON.parse(JSON.stringify(workflow.staticData ?? {})) as IDataObject;
	delete data.__dataChanged;
	return data;
}

/**
 * n8n's choice (Workflow.getStartNode: the first enabled trigger/poller, or a lone node); failing
 * that, the first enabled node without incoming main connections (a workflow with no trigger).
 */
function defaultStartNode(workflow: Workflow, wf: EngineWorkflow): INode | undefined {
	const found = workflow.getStartNode();
	if (found) return found;
	const targets = new Set<string>();
	for (const byType of Object.values(wf.connections)) {
		for (const outputs of byType.main ?? []) for (const c of outputs ?? []) targets.add(c.node);
	}
	return wf.nodes
		.map((n) => workflow.getNode(n.name) as INode)
		.find((n) => !n.disabled && !targets.has(n.name) && n.type !== 'n8n-nodes-base.stickyNote');
}

/** Runs a workflow in n8n-core's WorkflowExecute and returns the IRun plus accessors. */
export async function runWorkflow(nodeTypes: INodeTypes, options: RunOptions): Promise<RunResult> {
	const types = asEngineTypes(nodeTypes);
	const { WorkflowExecute, ExecutionLifecycleHooks } = getCore();
	const mode = options.mode ?? 'manual';
	const pinDataMode = options.pinDataMode ?? 'expected';
	await setBinaryMode(options.binaryMode ?? 'default');

	const wf = readWorkflow(options.workflow);
	const unknown = wf.nodes.filter((n) => types.getByNameAndVersion(n.type, n.typeVersion) === undefined);
	if (unknown.length) {
		throw new Error(
			`Unknown node type(s): ${unknown.map((n) => `"${n.name}" (${n.type} v${n.typeVersion})`).join(', ')}. Registered: ${types.nodeTypeNames().join(', ')}`,
		);
	}

	const executionId = `engine-${process.pid}-${++executionCounter}`;
	const workflowId = wf.id ?? 'engine-test-workflow';
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...(wf.settings ?? {}) };
	const pinData = pinDataMode === 'pin' ? wf.pinData : undefined;
	const workflow = new Workflow({
		id: workflowId,
		name: wf.name ?? 'engine test workflow',
		nodes: wf.nodes,
		connections: wf.connections,
		active: false,
		nodeTypes: types,
		settings,
		staticData: wf.staticData,
		pinData,
	});

	const startNode = options.startNode ? workflow.getNode(options.startNode) : defaultStartNode(workflow, wf);
	if (!startNode) {
		throw new Error(options.startNode ? `Start node "${options.startNode}" not found` : 'No start node found');
	}

	const credentialsHelper = new EngineCredentialsHelper(types, options.credentials);
	const additionalData = baseAdditionalData(credentialsHelper, executionId, workflowId);
	const workflowData = {
		id: workflowId,
		name: workflow.name,
		active: false,
		nodes: wf.nodes,
		connections: wf.connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	additionalData.hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);

	const startType = types.getByNameAndVersion(startNode.type, startNode.typeVersion);
	const isTrigger = !!(startType.trigger || startType.poll);
	const stackEntry: IExecuteData = {
		node: startNode,
		data: { main: [options.inputItems ?? [{ json: {} }]] },
		source: null,
	};
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		startData: {},
		resultData: { pinData },
		executionData: { nodeExecutionStack: [stackEntry] },
	});

	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const nodeErrors: Record<string, unknown> = {};
	// Keep the original error instances (the run data only holds serialised copies).
	const internals = workflowExecute as unknown as {
		reportNodeExecutionError?: (error: unknown, node: INode, wf: Workflow) => unknown;
	};
	const report = internals.reportNodeExecutionError;
	if (typeof report === 'function') {
		internals.reportNodeExecutionError = function (this: unknown, error: unknown, node: INode, w: Workflow) {
			nodeErrors[node.name] = error;
			return report.call(this, error, node, w);
		};
	}

	const startedAt = new Date();
	let run: IRun;
	let thrown: unknown;
	try {
		if (isTrigger && mode !== 'manual' && !options.inputItems) {
			stackEntry.data.main = [await triggerItems(workflow, startNode, startType, additionalData, mode, options)];
		}
		run = await workflowExecute.processRunExecutionData(workflow);
	} catch (e) {
		// E.g. WorkflowHasIssuesError (missing required parameter) or a failing poll in trigger mode:
		// n8n fails before any node runs. Report it like a failed run instead of rejecting.
		thrown = e;
		if (isTrigger && !(startNode.name in nodeErrors) && e instanceof Error && e.name !== 'WorkflowHasIssuesError') {
			nodeErrors[startNode.name] = e;
		}
		run = workflowExecute.getFullRunData(startedAt);
		run.status = 'error';
		run.data.resultData.error ??= {
			...(e as object),
			message: (e as Error).message,
			stack: (e as Error).stack,
		} as NonNullable<IRun['data']['resultData']['error']>;
	}
	const runData = run.data.resultData.runData;
	const serialisedError = run.data.resultData.error;
	let error: unknown = thrown;
	if (serialisedError && !thrown) {
		const last = run.data.resultData.lastNodeExecuted;
		const original = last !== undefined ? nodeErrors[last] : undefined;
		error =
			original instanceof Error && original.message === serialisedError.message ? original : serialisedError;
	}

	const output = (nodeName: string, runIndex = 0): INodeExecutionData[][] => {
		const runs = runData[nodeName];
		if (!runs) {
			throw new Error(`Node "${nodeName}" did not run. Nodes that ran: ${Object.keys(runData).join(', ') || '(none)'}`);
		}
		const task = runs[runIndex];
		if (!task) throw new Error(`Node "${nodeName}" has no run #${runIndex} (it ran ${runs.length} time(s))`);
		return (task.data?.main ?? []).map((items) => items ?? []);
	};

	return {
		status: run.status,
		error,
		run,
		output,
		json: (nodeName, outputIndex = 0) => (output(nodeName)[outputIndex] ?? []).map((i) => i.json),
		ran: (nodeName) => (runData[nodeName]?.length ?? 0) > 0,
		nodeErrors,
		staticData: plainStaticData(workflow),
		expectedPinData: pinDataMode === 'expected' ? wf.pinData : undefined,
		executionId,
	};
}

// ---------------------------------------------------------------------------------------------
// Credential test (port of packages/cli/src/services/credentials-tester.service.ts)
// ---------------------------------------------------------------------------------------------

function getCredentialTestFunction(
	types: EngineNodeTypes,
	credentialType: string,
): ICredentialTestFunction | ICredentialTestRequestData | undefined {
	const type = types.getCredentialType(credentialType);
	if (type.test) return { testRequest: type.test };
	for (const nodeName of types.getSupportedNodes(credentialType)) {
		const node = types.getByName(nodeName);
		const versions = isVersioned(node)
			? Object.keys(node.nodeVersions)
					.sort()
					.reverse()
					.map((v) => node.nodeVersions[Number(v)])
			: [node];
		for (const nodeType of versions) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				if (name !== credentialType || !testedBy) continue;
				if (typeof testedBy === 'string') {
					const fn = versions.map((v) => v.methods?.credentialTest?.[testedBy]).find((f) => f);
					if (fn) return fn;
					continue;
				}
				return { nodeType, testRequest: testedBy };
			}
		}
	}
	return undefined;
}

/** Like testCredential(), with an explicit registry (e.g. from createNodeTypes()). */
export async function testCredentialWith(
	types: EngineNodeTypes,
	credentialType: string,
	data: Record<string, unknown>,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const { ExecuteContext, RoutingNode, CredentialTestContext } = getCore();
	const testFunction = getCredentialTestFunction(types, credentialType);
	if (testFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const helper = new EngineCredentialsHelper(types, { [credentialType]: data });
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'engine-credential-test',
		name: `${credentialType} (test)`,
		type: credentialType,
		data: deepCopy(data) as ICredentialDataDecryptedObject,
	};
	const additionalData = baseAdditionalData(helper, 'engine-credential-test', 'engine-credential-test');
	try {
		credentialsDecrypted.data = await helper.applyDefaultsAndOverwrites(
			additionalData,
			credentialsDecrypted.data as ICredentialDataDecryptedObject,
			credentialType,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (typeof testFunction === 'function') {
		const result = await testFunction.call(new CredentialTestContext(), credentialsDecrypted);
		return { status: result.status, message: result.message };
	}

	// n8n runs declarative credential tests on a copy of n8n-nodes-base.noOp.
	const nodeType: INodeType =
		testFunction.nodeType ??
		types.getByNameAndVersion('n8n-nodes-base.noOp') ??
		createNodeTypes().getByNameAndVersion('n8n-nodes-base.noOp');
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version)
			? (nodeType.description.version.slice(-1)[0] as number)
			: nodeType.description.version,
		position: [0, 0],
		credentials: { [credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testFunction.testRequest.request },
					default: '',
				},
			],
		},
	};
	const tempTypes: INodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: tempTypes });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			const statusCode = cause.response.status;
			for (const rule of testFunction.testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of testFunction.testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getByPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function getByPath(obj: unknown, key: string): unknown {
	return key
		.split(/[.[\]]/)
		.filter((p) => p !== '')
		.reduce<unknown>((cur, p) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined), obj);
}

/**
 * Performs a credential type's test the way n8n's credential "Test" button does: the declarative
 * `test` request (baseURL/url expressions resolved with $credentials, `authenticate` applied, `rules`
 * honoured), or a node's `testedBy`. Credential classes come from the package's package.json.
 */
export async function testCredential(
	packageRoot: string,
	credentialType: string,
	data: Record<string, unknown>,
	options: LoadPackageOptions = {},
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	return await testCredentialWith(loadPackageNodeTypes(packageRoot, options), credentialType, data);
}

