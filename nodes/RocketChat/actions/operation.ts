import type { INodeProperties } from 'n8n-workflow';
import type { OperationRequest } from '../transport/spec';
import type { Parameters } from './parameters';

/** What every operation file exports: its fields and its pure request builder. */
export interface Operation {
	/** The operation's own fields, already limited to its resource and operation. */
	description: INodeProperties[];
	/**
	 * What an AI model is told the operation does when it runs as a tool: "Read only: ", "Changes data: " or
	 * "Sends e-mail: ", what it acts on and what comes back (toolDescription.ts). Plain text: no braces, no
	 * leading "=".
	 */
	toolDescription: string;
	/** One request, or a small flow of them whose later steps depend on earlier answers (Create or Update). */
	build(parameters: Parameters): OperationRequest;
}

/**
 * Shows fields only for one operation of one resource. The operation is tested first: n8n checks the conditions in
 * order for every field of the node on every execution, and the operation rules most of them out.
 */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { operation: [operation], resource: [resource], ...property.displayOptions?.show },
		},
	}));
}
