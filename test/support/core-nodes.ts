/**
 * Minimal stand-ins for the few n8n-nodes-base nodes that example/test workflows use.
 *
 * n8n-nodes-base is NOT a dependency of this package (and must not become one), but workflow
 * JSON exported from the real n8n app references these types. Each stand-in is registered under
 * the real type name and mirrors the real node's parameter JSON shape for the supported subset,
 * so the same workflow file imports and runs unchanged in the real n8n 2.x app.
 *
 * Supported subset (unsupported modes, e.g. Set's JSON mode, throw a NodeOperationError saying so):
 *  - n8n-nodes-base.manualTrigger  v1      emits one empty item.
 *  - n8n-nodes-base.scheduleTrigger v1–1.3 in a test run emits ONE item (like clicking "Execute
 *                                          workflow"): timestamp, 'Readable date', …, Timezone.
 *                                          `rule.interval[]` is accepted but not evaluated.
 *  - n8n-nodes-base.noOp           v1      passes items through.
 *  - n8n-nodes-base.set            v3.3/3.4 "Manual Mapping" only: parameters.assignments.assignments[]
 *                                          {id,name,value,type: string|number|boolean|array|object},
 *                                          includeOtherFields, include (all|selected|except),
 *                                          includeFields, excludeFields,
 *                                          options {dotNotation, ignoreConversionErrors, stripBinary}.
 *  - n8n-nodes-base.filter         v2–2.3  `conditions` (type 'filter'), looseTypeValidation,
 *                                          options.ignoreCase. Evaluation is done by n8n-core's own
 *                                          filter engine (getNodeParameter(..., {extractValue:true})),
 *                                          so EVERY operator of the real node works.
 *  - n8n-nodes-base.if             v2–2.3  same as filter, two outputs: [true, false].
 *  - n8n-nodes-base.splitOut       v1      fieldToSplitOut (comma list), include
 *                                          (noOtherFields|allOtherFields|selectedOtherFields),
 *                                          fieldsToInclude, options {disableDotNotation,
 *                                          destinationFieldName, includeBinary}.
 *  - n8n-nodes-base.stickyNote     v1      canvas note (exported workflows often contain one); never runs.
 */
import type {
	AssignmentCollectionValue,
	FieldType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import {
	ApplicationError,
	NodeConnectionTypes,
	NodeOperationError,
	deepCopy,
	validateFieldType,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Small dot-path helpers (lodash get/set/unset semantics for "a.b[0].c"), to avoid importing
// transitive dependencies from test code.
// ---------------------------------------------------------------------------------------------

function toPath(key: string): string[] {
	const parts: string[] = [];
	key.replace(/[^.[\]]+|\[(\d+)\]/g, (match: string, index?: string) => {
		parts.push(index !== undefined ? index : match);
		return match;
	});
	return parts;
}

function isUnsafeKey(k: string): boolean {
	return k === '__proto__' || k === 'constructor' || k === 'prototype';
}

export function getPath(obj: unknown, key: string): unknown {
	let cur: unknown = obj;
	for (const part of toPath(key)) {
		if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[part];
	}
	return cur;
}

export function setPath(obj: IDataObject, key: string, value: unknown): void {
	const parts = toPath(key);
	if (parts.some(isUnsafeKey)) return;
	let cur: Record<string, unknown> = obj;
	parts.forEach((part, i) => {
		if (i === parts.length - 1) {
			cur[part] = value;
			return;
		}
		const next = cur[part];
		if (next === null || typeof next !== 'object') {
			cur[part] = /^\d+$/.test(parts[i + 1]) ? [] : {};
		}
		cur = cur[part] as Record<string, unknown>;
	});
}

export function unsetPath(obj: IDataObject, key: string): void {
	const parts = toPath(key);
	const last = parts.pop();
	if (last === undefined) return;
	const parent = parts.length ? getPath(obj, parts.join('.')) : obj;
	if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
}

// ---------------------------------------------------------------------------------------------
// Manual Trigger
// ---------------------------------------------------------------------------------------------

export class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		icon: 'fa:mouse-pointer',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		eventTriggerDescription: '',
		maxNodes: 1,
		defaults: { name: 'When clicking ‘Execute workflow’', color: '#909298' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'This node is where the workflow execution starts (when you click the ‘test’ button on the canvas).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

// ---------------------------------------------------------------------------------------------
// Schedule Trigger (test run: emits one item, exactly like a manual run of the real node)
// ---------------------------------------------------------------------------------------------

const intervalField = (name: string, displayName: string, field: string, def = 1): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: def,
	displayOptions: { show: { field: [field] } },
});

export class ScheduleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Schedule Trigger',
		name: 'scheduleTrigger',
		icon: 'fa:clock',
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2, 1.3],
		description: 'Triggers the workflow on a given schedule',
		eventTriggerDescription: '',
		activationMessage: 'Your schedule trigger will now trigger executions on the schedule you have defined.',
		defaults: { name: 'Schedule Trigger', color: '#31C49F' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Trigger Rules',
				name: 'rule',
				placeholder: 'Add Rule',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: { interval: [{ field: 'days' }] },
				options: [
					{
						name: 'interval',
						displayName: 'Trigger Interval',
						values: [
							{
								displayName: 'Trigger Interval',
								name: 'field',
								type: 'options',
								default: 'days',
								options: [
									{ name: 'Seconds', value: 'seconds' },
									{ name: 'Minutes', value: 'minutes' },
									{ name: 'Hours', value: 'hours' },
									{ name: 'Days', value: 'days' },
									{ name: 'Weeks', value: 'weeks' },
									{ name: 'Months', value: 'months' },
									{ name: 'Custom (Cron)', value: 'cronExpression' },
								],
							},
							intervalField('secondsInterval', 'Seconds Between Triggers', 'seconds', 30),
							intervalField('minutesInterval', 'Minutes Between Triggers', 'minutes', 5),
							intervalField('hoursInterval', 'Hours Between Triggers', 'hours'),
							intervalField('daysInterval', 'Days Between Triggers', 'days'),
							intervalField('weeksInterval', 'Weeks Between Triggers', 'weeks'),
							intervalField('monthsInterval', 'Months Between Triggers', 'months'),
							{
								displayName: 'Trigger at Day of Month',
								name: 'triggerAtDayOfMonth',
								type: 'number',
								default: 1,
								displayOptions: { show: { field: ['months'] } },
							},
							{
								displayName: 'Trigger on Weekdays',
								name: 'triggerAtDay',
								type: 'multiOptions',
								default: [0],
								options: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ name: String(d), value: d })),
								displayOptions: { show: { field: ['weeks'] } },
							},
							{
								displayName: 'Trigger at Hour',
								name: 'triggerAtHour',
								type: 'number',
								default: 0,
								displayOptions: { show: { field: ['days', 'weeks', 'months'] } },
							},
							{
								displayName: 'Trigger at Minute',
								name: 'triggerAtMinute',
								type: 'number',
								default: 0,
								displayOptions: { show: { field: ['hours', 'days', 'weeks', 'months'] } },
							},
							{
								displayName: 'Expression',
								name: 'expression',
								type: 'string',
								default: '',
								displayOptions: { show: { field: ['cronExpression'] } },
							},
						],
					},
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const timezone = this.getTimezone();
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([scheduleItem(new Date(), timezone)])]);
		};
		return { manualTriggerFunction };
	}
}

function ordinal(n: number): string {
	const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}

/** The item the real Schedule Trigger emits (same keys; formatted with Intl instead of moment). */
export function scheduleItem(now: Date, timezone: string): IDataObject {
	const part = (opts: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat('en-US', { timeZone: timezone, ...opts }).format(now);
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			timeZoneName: 'longOffset',
		})
			.formatToParts(now)
			.map((p) => [p.type, p.value]),
	);
	const offset = String(parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
	const readableTime = part({ hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true }).toLowerCase();
	return {
		timestamp: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${String(now.getMilliseconds()).padStart(3, '0')}${offset}`,
		// moment's 'MMMM Do YYYY, h:mm:ss a', e.g. "November 22nd 2026, 3:29:29 am"
		'Readable date': `${part({ month: 'long' })} ${ordinal(Number(parts.day))} ${parts.year}, ${readableTime}`,
		'Readable time': readableTime,
		'Day of week': part({ weekday: 'long' }),
		Year: String(parts.year),
		Month: part({ month: 'long' }),
		'Day of month': String(parts.day),
		Hour: String(parts.hour),
		Minute: String(parts.minute),
		Second: String(parts.second),
		Timezone: `${timezone} (UTC${offset})`,
	};
}

// ---------------------------------------------------------------------------------------------
// No Operation
// ---------------------------------------------------------------------------------------------

export class NoOp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

// ---------------------------------------------------------------------------------------------
// Edit Fields (Set) v3.3 / v3.4 — manual mapping
// ---------------------------------------------------------------------------------------------

export class SetNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Edit Fields (Set)',
		name: 'set',
		icon: 'fa:pen',
		group: ['input'],
		version: [3.3, 3.4],
		description: 'Modify, add, or remove item fields',
		subtitle: '={{$parameter["mode"]}}',
		defaults: { name: 'Edit Fields' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Manual Mapping', value: 'manual' },
					{ name: 'JSON', value: 'raw' },
				],
				default: 'manual',
			},
			{
				displayName: 'Duplicate Item',
				name: 'duplicateItem',
				type: 'boolean',
				default: false,
				isNodeSetting: true,
			},
			{
				displayName: 'JSON',
				name: 'jsonOutput',
				type: 'json',
				default: '{}',
				displayOptions: { show: { mode: ['raw'] } },
			},
			{
				displayName: 'Fields to Set',
				name: 'assignments',
				type: 'assignmentCollection',
				default: {},
				displayOptions: { show: { mode: ['manual'] } },
			},
			{
				displayName: 'Include Other Input Fields',
				name: 'includeOtherFields',
				type: 'boolean',
				default: false,
			},
			{
				displayName: 'Input Fields to Include',
				name: 'include',
				type: 'options',
				default: 'all',
				displayOptions: { hide: { '/includeOtherFields': [false] } },
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Selected', value: 'selected' },
					{ name: 'All Except', value: 'except' },
				],
			},
			{
				displayName: 'Fields to Include',
				name: 'includeFields',
				type: 'string',
				default: '',
				displayOptions: { show: { include: ['selected'], '/includeOtherFields': [true] } },
			},
			{
				displayName: 'Fields to Exclude',
				name: 'excludeFields',
				type: 'string',
				default: '',
				displayOptions: { show: { include: ['except'], '/includeOtherFields': [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Strip Binary Data',
						name: 'stripBinary',
						type: 'boolean',
						default: true,
						displayOptions: {
							show: { '@version': [{ _cnd: { gte: 3.4 } }], '/includeOtherFields': [true] },
						},
					},
					{
						displayName: 'Include Binary File',
						name: 'includeBinary',
						type: 'boolean',
						default: true,
						displayOptions: { hide: { '@version': [{ _cnd: { gte: 3.4 } }] } },
					},
					{
						displayName: 'Ignore Type Conversion Errors',
						name: 'ignoreConversionErrors',
						type: 'boolean',
						default: false,
					},
					{
						displayName: 'Support Dot Notation',
						name: 'dotNotation',
						type: 'boolean',
						default: true,
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const mode = this.getNodeParameter('mode', 0) as string;
		if (mode !== 'manual') {
			throw new NodeOperationError(
				node,
				`The test-engine stand-in for "Edit Fields (Set)" only supports mode "manual" (got "${mode}")`,
			);
		}
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const includeOtherFields = this.getNodeParameter('includeOtherFields', i, false) as boolean;
			const include = this.getNodeParameter('include', i, 'all') as string;
			const options = this.getNodeParameter('options', i, {}) as {
				dotNotation?: boolean;
				ignoreConversionErrors?: boolean;
				stripBinary?: boolean;
				includeBinary?: boolean;
			};
			try {
				const collection = this.getNodeParameter('assignments', i) as AssignmentCollectionValue;
				const newData: IDataObject = {};
				for (const assignment of collection?.assignments ?? []) {
					const { name, value } = validateEntry(
						node,
						assignment.name,
						(assignment.type ?? 'string') as FieldType,
						assignment.value,
						i,
						options.ignoreConversionErrors,
					);
					newData[name] = value as IDataObject;
				}
				returnData.push(
					composeReturnItem.call(this, i, items[i], newData, {
						include: includeOtherFields ? include : 'none',
						dotNotation: options.dotNotation,
						includeBinary:
							node.typeVersion >= 3.4
								? !options.stripBinary && includeOtherFields
								: !!options.includeBinary,
					}),
				);
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeOperationError(node, error as Error, {
					itemIndex: i,
					description: (error as NodeOperationError).description ?? undefined,
				});
			}
		}
		return [returnData];
	}
}

function validateEntry(
	node: INode,
	name: string,
	type: FieldType,
	value: unknown,
	itemIndex: number,
	ignoreErrors = false,
): { name: string; value: unknown } {
	if (value === undefined || value === null) return { name, value: null };
	if (type === 'string') value = typeof value === 'object' ? JSON.stringify(value) : String(value);
	const result = validateFieldType(name, value, type);
	if (!result.valid) {
		if (ignoreErrors) return { name, value: value ?? null };
		throw new NodeOperationError(node, `${result.errorMessage} [item ${itemIndex}]`, {
			itemIndex,
			description: `To fix the error try to change the type for the field "${name}" or activate the option “Ignore Type Conversion Errors” to apply a less strict type validation`,
		});
	}
	return { name, value: result.newValue ?? null };
}

function composeReturnItem(
	this: IExecuteFunctions,
	itemIndex: number,
	inputItem: INodeExecutionData,
	newFields: IDataObject,
	options: { include: string; dotNotation?: boolean; includeBinary: boolean },
): INodeExecutionData {
	const newItem: INodeExecutionData = { json: {}, pairedItem: { item: itemIndex } };
	if (options.includeBinary && inputItem.binary !== undefined) {
		newItem.binary = { ...inputItem.binary };
	}
	const dot = options.dotNotation !== false;
	const set = (o: IDataObject, k: string, v: unknown) => (dot ? setPath(o, k, v) : (o[k] = v as IDataObject));
	const splitList = (param: string) =>
		(this.getNodeParameter(param, itemIndex, '') as string)
			.split(',')
			.map((f) => f.trim())
			.filter((f) => f);
	switch (options.include) {
		case 'all':
			newItem.json = deepCopy(inputItem.json);
			break;
		case 'selected':
			for (const key of splitList('includeFields')) {
				const value = dot ? getPath(inputItem.json, key) : inputItem.json[key];
				set(newItem.json, dot && key.includes('.') ? (key.split('.').pop() as string) : key, value);
			}
			break;
		case 'except': {
			const data = deepCopy(inputItem.json);
			for (const key of splitList('excludeFields')) {
				if (dot) unsetPath(data, key);
				else delete data[key];
			}
			newItem.json = data;
			break;
		}
		case 'none':
			break;
		default:
			throw new ApplicationError(`The include option "${options.include}" is not known!`);
	}
	for (const key of Object.keys(newFields)) set(newItem.json, key, newFields[key]);
	return newItem;
}

// ---------------------------------------------------------------------------------------------
// Filter v2 and If v2 — conditions evaluated by n8n-core's filter engine
// ---------------------------------------------------------------------------------------------

const ENABLE_LESS_STRICT_TYPE_VALIDATION =
	"Try changing the type of comparison. Alternatively you can enable 'Convert types where required'.";

function conditionProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Conditions',
			name: 'conditions',
			placeholder: 'Add Condition',
			type: 'filter',
			default: {},
			typeOptions: {
				filter: {
					caseSensitive: '={{!$parameter.options.ignoreCase}}',
					typeValidation:
						'={{ ($nodeVersion < 2.1 ? $parameter.options.looseTypeValidation : $parameter.looseTypeValidation) ? "loose" : "strict" }}',
					version: '={{ $nodeVersion >= 2.3 ? 3 : $nodeVersion >= 2.2 ? 2 : 1 }}',
				},
			},
		},
		{
			displayName: 'Convert types where required',
			name: 'looseTypeValidation',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2.1 } }] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: true },
				{
					displayName: 'Convert types where required',
					name: 'looseTypeValidation',
					type: 'boolean',
					default: true,
					displayOptions: { show: { '@version': [{ _cnd: { lt: 2.1 } }] } },
				},
			],
		},
	];
}

/** Shared by Filter and If: returns [passing, failing] exactly like the real nodes. */
function splitByConditions(this: IExecuteFunctions): INodeExecutionData[][] {
	const pass: INodeExecutionData[] = [];
	const fail: INodeExecutionData[] = [];
	this.getInputData().forEach((item, itemIndex) => {
		try {
			const options = this.getNodeParameter('options', itemIndex) as { looseTypeValidation?: boolean };
			let ok = false;
			try {
				ok = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			} catch (error) {
				const loose =
					this.getNode().typeVersion < 2.1
						? options.looseTypeValidation
						: (this.getNodeParameter('looseTypeValidation', itemIndex, false) as boolean);
				const e = error as { description?: string; context?: IDataObject; node?: unknown };
				if (!loose && !e.description) e.description = ENABLE_LESS_STRICT_TYPE_VALIDATION;
				e.context = { ...(e.context ?? {}), itemIndex };
				e.node = this.getNode();
				throw error;
			}
			if (item.pairedItem === undefined) item.pairedItem = { item: itemIndex };
			(ok ? pass : fail).push(item);
		} catch (error) {
			if (this.continueOnFail()) {
				fail.push(item);
			} else {
				if (error instanceof NodeOperationError) throw error;
				if (error instanceof ApplicationError) {
					const e = error as ApplicationError & { context?: IDataObject };
					e.context = { ...(e.context ?? {}), itemIndex };
					throw error;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
	});
	return [pass, fail];
}

export class Filter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Filter',
		name: 'filter',
		icon: 'fa:filter',
		group: ['transform'],
		version: [2, 2.1, 2.2, 2.3],
		description: 'Remove items matching a condition',
		defaults: { name: 'Filter', color: '#229eff' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		outputNames: ['Kept', 'Discarded'],
		parameterPane: 'wide',
		properties: conditionProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return splitByConditions.call(this);
	}
}

export class If implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If',
		name: 'if',
		icon: 'fa:map-signs',
		group: ['transform'],
		version: [2, 2.1, 2.2, 2.3],
		description: 'Route items to different branches (true/false)',
		defaults: { name: 'If', color: '#408000' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		parameterPane: 'wide',
		properties: conditionProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return splitByConditions.call(this);
	}
}

// ---------------------------------------------------------------------------------------------
// Split Out v1
// ---------------------------------------------------------------------------------------------

export class SplitOut implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Split Out',
		name: 'splitOut',
		icon: 'fa:sign-out-alt',
		group: ['transform'],
		version: 1,
		description: 'Turn a list inside item(s) into separate items',
		defaults: { name: 'Split Out' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Fields To Split Out',
				name: 'fieldToSplitOut',
				type: 'string',
				default: '',
				requiresDataPath: 'multiple',
			},
			{
				displayName: 'Include',
				name: 'include',
				type: 'options',
				options: [
					{ name: 'No Other Fields', value: 'noOtherFields' },
					{ name: 'All Other Fields', value: 'allOtherFields' },
					{ name: 'Selected Other Fields', value: 'selectedOtherFields' },
				],
				default: 'noOtherFields',
			},
			{
				displayName: 'Fields To Include',
				name: 'fieldsToInclude',
				type: 'string',
				default: '',
				requiresDataPath: 'multiple',
				displayOptions: { show: { include: ['selectedOtherFields'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{ displayName: 'Disable Dot Notation', name: 'disableDotNotation', type: 'boolean', default: false },
					{ displayName: 'Destination Field Name', name: 'destinationFieldName', type: 'string', default: '' },
					{ displayName: 'Include Binary', name: 'includeBinary', type: 'boolean', default: false },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const found: Record<string, boolean> = {};
		const list = (s: string) =>
			s
				.split(',')
				.map((f) => f.trim().replace(/^\$json\./, ''))
				.filter((f) => f !== '');

		for (let i = 0; i < items.length; i++) {
			const fields = list(this.getNodeParameter('fieldToSplitOut', i) as string);
			if (!fields.length) throw new NodeOperationError(this.getNode(), 'No fields to split out specified');
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const noDot = options.disableDotNotation === true;
			const destinations = list((options.destinationFieldName as string) || '');
			if (destinations.length && destinations.length !== fields.length) {
				throw new NodeOperationError(
					this.getNode(),
					'If multiple fields to split out are given, the same number of destination fields must be given',
				);
			}
			const include = this.getNodeParameter('include', i) as string;
			const multiSplit = fields.length > 1;
			const item = { ...items[i].json };
			const rows: IDataObject[] = [];
			fields.forEach((field, fieldIndex) => {
				const destination = destinations[fieldIndex] || '';
				let entity = (noDot ? item[field] : getPath(item, field)) as unknown;
				found[field] = found[field] || entity !== undefined;
				if (entity === undefined) entity = [];
				if (typeof entity !== 'object' || entity === null) entity = [entity];
				if (!Array.isArray(entity)) entity = Object.values(entity as object);
				(entity as unknown[]).forEach((element, index) => {
					rows[index] = rows[index] ?? {};
					const name = destination || field;
					if (typeof element === 'object' && element !== null && include === 'noOtherFields' && destination === '' && !multiSplit) {
						rows[index] = { ...rows[index], ...(element as IDataObject) };
					} else {
						rows[index][name] = element as IDataObject;
					}
				});
			});
			for (const row of rows) {
				let json: IDataObject = row;
				if (include === 'allOtherFields') {
					const copy = deepCopy(item);
					for (const field of fields) {
						if (noDot) delete copy[field];
						else unsetPath(copy, field);
					}
					json = { ...copy, ...row };
				} else if (include === 'selectedOtherFields') {
					const toInclude = list(this.getNodeParameter('fieldsToInclude', i, '') as string);
					if (!toInclude.length) {
						throw new NodeOperationError(this.getNode(), 'No fields specified', {
							description: 'Please add a field to include',
						});
					}
					for (const field of toInclude) row[field] = (noDot ? item[field] : getPath(item, field)) as IDataObject;
				}
				const out: INodeExecutionData = { json, pairedItem: { item: i } };
				if (options.includeBinary === true && items[i].binary) out.binary = items[i].binary;
				returnData.push(out);
			}
		}
		const missing = Object.keys(found).filter((f) => !found[f]);
		if (missing.length && returnData.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The ${missing.length > 1 ? 'fields' : 'field'} '${missing.join("', '")}' wasn't found in any input item`,
			);
		}
		return [returnData];
	}
}

// ---------------------------------------------------------------------------------------------
// Sticky Note (no inputs/outputs, never executed; present so exported workflows load)
// ---------------------------------------------------------------------------------------------

export class StickyNote implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sticky Note',
		name: 'stickyNote',
		icon: 'fa:sticky-note',
		group: ['input'],
		version: 1,
		description: 'Make your workflow easier to understand',
		defaults: { name: 'Sticky Note', color: '#FFD233' },
		inputs: [],
		outputs: [],
		properties: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Height', name: 'height', type: 'number', default: 160 },
			{ displayName: 'Width', name: 'width', type: 'number', default: 240 },
			{ displayName: 'Color', name: 'color', type: 'number', default: 1 },
		],
	};
}

/** All stand-ins, keyed by their real n8n type name. */
export function coreNodeTypes(): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': new ManualTrigger(),
		'n8n-nodes-base.scheduleTrigger': new ScheduleTrigger(),
		'n8n-nodes-base.noOp': new NoOp(),
		'n8n-nodes-base.set': new SetNode(),
		'n8n-nodes-base.filter': new Filter(),
		'n8n-nodes-base.if': new If(),
		'n8n-nodes-base.splitOut': new SplitOut(),
		'n8n-nodes-base.stickyNote': new StickyNote(),
	};
}
