import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from './operation';

/** How every tool description starts: what calling the tool does to the workspace. */
export const TOOL_EFFECTS = ['Read only: ', 'Changes data: ', 'Sends e-mail: '] as const;

/**
 * The Tool Description field of each operation, shown only in the tool variant (Rocket.Chat Tool).
 *
 * n8n adds its own Tool Description field (and describes a tool as its action + " in Rocket.Chat") only
 * when a node has no `toolDescription` property; with these, the model sees the operation's own text, which
 * the user may edit. One property per operation, so switching the operation switches the default.
 */
export function toolDescriptionProperties(
	resource: string,
	operations: Record<string, Operation>,
): INodeProperties[] {
	return Object.entries(operations).map(([operation, { toolDescription }]) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		required: true,
		typeOptions: { rows: 3 },
		default: toolDescription,
		description:
			'What the AI model is told this tool does. It starts with Read only, Changes data or Sends e-mail so the model knows what a call changes.',
		displayOptions: { show: { '@tool': [true], operation: [operation], resource: [resource] } },
	}));
}
