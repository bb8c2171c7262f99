import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { mapWithConcurrency } from '../transport/concurrency';
import { DEFAULT_SETTINGS, openConnection, type Connection, type TransportSettings } from '../transport/connection';
import { executeSpec } from '../transport/request';
import { deviceManagementOperations } from './deviceManagement';
import type { Operation } from './operation';
import { checkOptionValues, fieldLabels, ParameterError, Parameters } from './parameters';
import { userOperations } from './user';

const resources: Record<string, Record<string, Operation>> = {
	user: userOperations,
	deviceManagement: deviceManagementOperations,
};

function findOperation(context: IExecuteFunctions, resource: string, operation: string): Operation {
	const found = resources[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not known for resource "${resource}"`,
		);
	}
	return found;
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ParameterError) {
		return new NodeOperationError(context.getNode(), error.message, { itemIndex });
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(context.getNode(), { message } as JsonObject, { itemIndex, message });
}

function positive(value: unknown, fallback: number, min = 1): number {
	const number = Number(value);
	return Number.isFinite(number) && number >= min ? Math.floor(number) : fallback;
}

/** Request Options apply to the whole execution, so they are read once, from the first item. */
function readSettings(context: IExecuteFunctions): { settings: TransportSettings; concurrency: number } {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		concurrency: positive(options.concurrency, 1),
		settings: {
			...DEFAULT_SETTINGS,
			timeoutMs: positive(options.timeout, DEFAULT_SETTINGS.timeoutMs),
			maxRetries: positive(options.maxRetries, DEFAULT_SETTINGS.maxRetries, 0),
			maxRateLimitWaitMs:
				positive(options.maxRateLimitWait, DEFAULT_SETTINGS.maxRateLimitWaitMs / 1000, 0) * 1000,
			pageConcurrency: positive(options.pageConcurrency, DEFAULT_SETTINGS.pageConcurrency),
		},
	};
}

/** Field labels per operation, worked out once per process rather than once per execution. */
const labelCache = new WeakMap<Operation, Record<string, string>>();
function labelsOf(operation: Operation): Record<string, string> {
	let labels = labelCache.get(operation);
	if (!labels) labelCache.set(operation, (labels = fieldLabels(operation.description)));
	return labels;
}

/**
 * The item loop: builds each item's request, lets the transport perform it, and wraps the output.
 * continueOnFail and the error output are handled here and nowhere else; the transport pairs each output
 * item with its input item as it creates it (a copy here would cost memory, see transport/request.ts).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = findOperation(this, resource, this.getNodeParameter('operation', 0) as string);
	const labels = labelsOf(operation);
	const { settings, concurrency } = readSettings(this);
	let connection: Promise<Connection> | undefined;

	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			// Each parameter is resolved once per item: checking option values and building the request read some twice,
			// and every read of an expression evaluates it again (n8n's data proxy, luxon's $now: most of a call's CPU).
			const resolved = new Map<string, unknown>();
			const parameters = new Parameters(
				(name) => {
					if (!resolved.has(name)) resolved.set(name, this.getNodeParameter(name, itemIndex, null));
					return resolved.get(name);
				},
				itemIndex,
				labels,
				Date.now(),
				// As stored, before expressions are resolved: tells an expression that resolved to nothing from an empty field.
				(name) => this.getNode().parameters[name],
				this.getTimezone(),
				() => items[itemIndex]?.json,
			);
			checkOptionValues(parameters, operation.description);
			const spec = operation.build(parameters);
			// One connection (credential, rate-limit state) for the whole execution.
			connection ??= openConnection(this, settings);
			const results = await executeSpec(this, await connection, spec, itemIndex);
			// The transport pairs every item it outputs with this input item.
			return results;
		} catch (caught) {
			const error = asNodeError(this, caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			// `error` on the item is what routes it to the error output ("Continue (using error output)").
			return [
				{
					json: { error: error.message, ...(error.description ? { description: error.description } : {}) },
					error,
					pairedItem: { item: itemIndex },
				},
			];
		}
	};

	const perItem = await mapWithConcurrency(
		items.map((_item, index) => index),
		concurrency,
		runItem,
	);
	return [perItem.flat()];
}
