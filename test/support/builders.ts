import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fieldLabels, Parameters } from '../../nodes/RocketChat/actions/parameters';
import type { Operation } from '../../nodes/RocketChat/actions/operation';
import { isFlow, type RequestFlow, type RequestSpec } from '../../nodes/RocketChat/transport/spec';
import type { ContractRequest } from './openapi';

/** A fixed "now" for deterministic builders: 2026-01-15T12:00:00Z. */
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function defaultsOf(properties: INodeProperties[]): Record<string, unknown> {
	const defaults: Record<string, unknown> = {};
	for (const property of properties) defaults[property.name] = property.default;
	return defaults;
}

interface BuildOptions {
	itemIndex?: number;
	now?: number;
	/** Parameters as stored in the node before resolution, e.g. `{ user: userRef('id', '={{ $json.id }}') }`; `values` then holds what they resolved to. */
	stored?: Record<string, unknown>;
	/** The input item's json, for Data to Send: Auto-Map Input Data. */
	input?: IDataObject;
}

/**
 * Runs an operation's builder on parameter values the way the node does: n8n fills in each field's default, and
 * the builder reads through the same validating Parameters class.
 */
function build(operation: Operation, values: Record<string, unknown>, options: BuildOptions): RequestSpec | RequestFlow {
	const merged = { ...defaultsOf(operation.description), ...values };
	const stored = { ...merged, ...options.stored };
	const parameters = new Parameters(
		(name) => (name in merged ? merged[name] : null),
		options.itemIndex ?? 0,
		fieldLabels(operation.description),
		options.now ?? NOW,
		(name) => stored[name],
		undefined,
		() => options.input,
	);
	return operation.build(parameters);
}

/** An operation's request, built as the node builds it (see build). */
export function buildRequest(operation: Operation, values: Record<string, unknown> = {}, options: BuildOptions = {}): RequestSpec {
	const built = build(operation, values, options);
	if (isFlow(built)) throw new Error('this operation builds a flow: use buildFlow');
	return built;
}

/** As buildRequest, for an operation whose requests depend on earlier answers (Create or Update). */
export function buildFlow(operation: Operation, values: Record<string, unknown> = {}, options: BuildOptions = {}): RequestFlow {
	const built = build(operation, values, options);
	if (!isFlow(built)) throw new Error('this operation builds a single request: use buildRequest');
	return built;
}

/** A user resource locator value as n8n stores it. */
export function userRef(mode: 'list' | 'id' | 'username', value: string) {
	return { __rl: true, mode, value };
}

function queryValue(value: unknown): string | string[] {
	if (Array.isArray(value)) return value.map(String);
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The HTTP request the transport would send for a spec, in the validator's terms. */
export function toContractRequest(spec: RequestSpec): ContractRequest {
	const headers: Record<string, string> = {};
	if (spec.auth !== 'none') {
		headers['X-User-Id'] = 'aUserId123';
		headers['X-Auth-Token'] = 'anAuthToken';
	}
	if (spec.twoFactor) {
		headers['x-2fa-code'] = '123456';
		headers['x-2fa-method'] = 'totp';
	}
	const query: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(spec.qs ?? {})) {
		if (value !== undefined) query[key] = queryValue(value);
	}
	if (spec.paginate) {
		query.offset = '0';
		query.count = '100';
	}
	if (spec.upload) {
		const body: IDataObject = { ...spec.upload.fields };
		body[spec.upload.field] = { filename: 'avatar.png', contentType: 'image/png', data: Buffer.from([0x89, 0x50]) };
		return { method: spec.method, path: spec.path, query, headers, contentType: 'multipart/form-data', body };
	}
	return {
		method: spec.method,
		path: spec.path,
		query,
		headers,
		contentType: spec.body ? 'application/json' : undefined,
		body: spec.body,
	};
}
