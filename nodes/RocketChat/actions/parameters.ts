import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** A bad or missing parameter value. The router turns it into a NodeOperationError for the item. */
export class ParameterError extends Error {
	constructor(
		readonly field: string,
		readonly itemIndex: number,
		problem: string,
	) {
		super(`${field} (item ${itemIndex}): ${problem}`);
		this.name = 'ParameterError';
	}
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/** One formatter per zone: building one is the costly part, and every item of a run uses the same zone. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone is ahead of UTC at `utcMs`. */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
	let clock = wallClocks.get(timeZone);
	if (!clock) {
		clock = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		wallClocks.set(timeZone, clock);
	}
	const parts = clock.formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	// The wall clock shows whole seconds.
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A date-time string in ms. One without an offset (`2026-01-31T17:00:00`, as n8n's date picker writes it)
 * is read in `timeZone`; anything else (with `Z` or `+02:00`, or other formats) as JavaScript reads it.
 */
function parseDateTime(text: string, timeZone: string | undefined): number {
	const local = timeZone ? LOCAL_DATE_TIME.exec(text) : null;
	if (!local || !timeZone) return new Date(text).getTime();
	const [, year, month, day, hour = '0', minute = '0', second = '0', ms = '0'] = local;
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +ms.padEnd(3, '0'));
	try {
		// The offset at the wall time, corrected once for a DST change between the two readings.
		const first = wall - zoneOffsetMs(timeZone, wall);
		return wall - zoneOffsetMs(timeZone, first);
	} catch {
		return new Date(text).getTime(); // not a zone Intl knows
	}
}

/** How a user is identified: Rocket.Chat endpoints take either key. */
export type UserRef = { userId: string } | { username: string };

type ValueSource = (name: string) => unknown;

/** The form of an e-mail address the operations accept: something@something, without spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Whether a parameter as stored in the node (before resolution) is an expression: `=…`, also inside a resource locator. */
function isExpression(stored: unknown): boolean {
	const inner = isLocator(stored) ? stored.value : stored;
	return typeof inner === 'string' && inner.startsWith('=');
}

function isLocator(value: unknown): value is IDataObject & { value?: unknown } {
	return typeof value === 'object' && value !== null && 'value' in value;
}

/**
 * Typed, validating access to one item's parameters. Request builders only see this, which keeps
 * them pure: in the node it reads `getNodeParameter`, in tests a plain object.
 */
export class Parameters {
	constructor(
		private readonly source: ValueSource,
		readonly itemIndex: number,
		private readonly labels: Record<string, string> = {},
		/** Current time in ms; injected so builders stay deterministic. */
		readonly now: number = Date.now(),
		/**
		 * A parameter as stored in the node, before expressions are resolved (`getNode().parameters[name]`), so
		 * that an expression that resolved to nothing can be told from a field left empty. Top-level names only.
		 */
		private readonly stored: ValueSource = () => undefined,
		/**
		 * The workflow's time zone (IANA name): n8n's date picker gives a date and time without an offset,
		 * meant in that zone. Without it such values are read in the process's local time.
		 */
		readonly timeZone?: string,
		/** The item's input data (its `json`), for operations that can take their values from it (Data to Send). */
		private readonly inputJson: () => IDataObject | undefined = () => undefined,
	) {}

	/** The input item's fields; empty when the item has none. */
	input(): IDataObject {
		return this.inputJson() ?? {};
	}

	/** The display name n8n shows for a parameter, so errors name the field as the user sees it. */
	label(name: string): string {
		return this.labels[name] ?? name;
	}

	fail(name: string, problem: string): never {
		throw new ParameterError(this.label(name), this.itemIndex, problem);
	}

	raw(name: string): unknown {
		return this.source(name);
	}

	string(name: string): string {
		return this.toText(this.source(name), name);
	}

	/** Text from a value already read (e.g. a collection entry): '' when absent, trimmed unless `trim` is false. */
	toText(value: unknown, name: string, trim = true): string {
		if (value === undefined || value === null) return '';
		if (typeof value === 'object') this.fail(name, 'expected text, got an object');
		return trim ? String(value).trim() : String(value);
	}

	/** An option of a collection: `undefined` when not added; added but left empty is an error (most likely forgotten). */
	toAddedText(value: unknown, name: string): string | undefined {
		if (value === undefined || value === null) return undefined;
		const text = this.toText(value, name);
		if (text === '') this.fail(name, 'a value is required when the option is added');
		return text;
	}

	/**
	 * A required password or other secret, exactly as typed: not trimmed, since spaces may be part of it, which
	 * could turn a valid secret into a wrong one. Errors never contain the value. `missing` replaces the message
	 * for an empty value.
	 */
	secret(name: string, missing?: string): string {
		return this.toSecret(this.source(name), name, missing);
	}

	/** `secret` for a value already read (e.g. a collection entry). */
	toSecret(value: unknown, name: string, missing = 'a value is required'): string {
		const secret = this.toText(value, name, false);
		if (secret === '') this.fail(name, missing);
		return secret;
	}

	/** A required username; a leading @, as people write usernames, is dropped. */
	username(name: string): string {
		return this.toUsername(this.source(name), name);
	}

	/** `username` for a value already read (e.g. a collection entry). */
	toUsername(value: unknown, name: string): string {
		const username = this.toText(value, name).replace(/^@/, '');
		if (username === '') this.fail(name, 'a value is required');
		return username;
	}

	/** A required e-mail address. */
	email(name: string): string {
		return this.toEmail(this.source(name), name);
	}

	/** `email` for a value already read (e.g. a collection entry). */
	toEmail(value: unknown, name: string): string {
		const email = this.toText(value, name);
		if (email === '') this.fail(name, 'a value is required');
		if (!EMAIL.test(email)) this.fail(name, `not a valid e-mail address: ${JSON.stringify(email)}`);
		return email;
	}

	/**
	 * A date-time value as an ISO 8601 string (UTC); `undefined` when empty. Accepts what a dateTime field or an
	 * expression gives: text, epoch milliseconds, a Date or a Luxon DateTime. Text without an offset is read in
	 * the workflow's time zone (`timeZone`).
	 */
	toIsoDateTime(value: unknown, name: string): string | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		let time = Number.NaN;
		if (value instanceof Date) time = value.getTime();
		else if (typeof value === 'number') time = value;
		else if (typeof value === 'string') time = parseDateTime(value.trim(), this.timeZone);
		else if (typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
			time = (value as { toMillis(): number }).toMillis();
		}
		if (!Number.isFinite(time)) {
			this.fail(name, `expected a date and time such as 2026-01-31T17:00:00Z, got ${JSON.stringify(value)}`);
		}
		return new Date(time).toISOString();
	}

	requiredString(name: string): string {
		const value = this.string(name);
		if (value === '') this.fail(name, 'a value is required');
		return value;
	}

	boolean(name: string): boolean {
		const value = this.source(name);
		if (typeof value === 'boolean') return value;
		if (value === 'true') return true;
		if (value === 'false' || value === undefined || value === null || value === '') return false;
		return this.fail(name, `expected true or false, got ${JSON.stringify(value)}`);
	}

	integer(name: string, min?: number): number {
		const value = this.source(name);
		const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
			this.fail(name, `expected a whole number, got ${JSON.stringify(value)}`);
		}
		if (min !== undefined && parsed < min) this.fail(name, `must be at least ${min}`);
		return parsed;
	}

	/** A collection or fixed collection; always an object. */
	collection(name: string): IDataObject {
		const value = this.source(name);
		if (value === undefined || value === null || value === '') return {};
		if (typeof value !== 'object' || Array.isArray(value)) this.fail(name, 'expected a collection');
		return value as IDataObject;
	}

	/** A JSON field (a JSON string typed by the user or an object from an expression). */
	json(name: string): IDataObject | undefined {
		return this.parseJsonObject(this.source(name), name);
	}

	/** Validates a JSON object value that came from inside a collection. */
	parseJsonObject(value: unknown, name: string): IDataObject | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
		if (typeof value !== 'string') return this.fail(name, 'expected a JSON object');
		if (value.trim() === '') return undefined;
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return this.fail(name, `invalid JSON: ${(error as Error).message}`);
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			return this.fail(name, 'expected a JSON object such as {"key": "value"}');
		}
		return parsed as IDataObject;
	}

	/** A list typed as comma-separated text, a multi-options value or an array from an expression. */
	list(name: string): string[] {
		return this.toList(this.source(name), name);
	}

	toList(value: unknown, name: string): string[] {
		if (value === undefined || value === null || value === '') return [];
		const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
		if (parts === null) return this.fail(name, 'expected a list of values');
		return parts.map((part) => String(part).trim()).filter((part) => part !== '');
	}

	/** A user resource locator (From List / By ID / By Username), or plain text taken as an ID. */
	user(name: string): UserRef {
		const value = this.source(name);
		let mode = 'id';
		let raw: unknown = value;
		if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) {
			mode = String((value as IDataObject).mode);
			raw = (value as IDataObject).value;
		}
		const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
		if (text === '') this.fail(name, 'choose a user');
		if (mode === 'username') return { username: text.replace(/^@/, '') };
		return { userId: text };
	}

	/**
	 * An optional user locator: left empty, it means the credential's own account, which the endpoints assume when
	 * neither `userId` nor `username` is sent (`undefined`). An expression that resolves to nothing is an error, not
	 * the own account: a missing `{{ $json.id }}` must not silently act on the credential user.
	 */
	optionalUser(name: string): UserRef | undefined {
		const value = this.source(name);
		const inner = isLocator(value) ? value.value : value;
		if (inner === undefined || inner === null || (typeof inner === 'string' && inner.trim() === '')) {
			if (isExpression(this.stored(name))) this.fail(name, 'the expression resolved to an empty value');
			return undefined;
		}
		return this.user(name);
	}

	/** For endpoints that accept only a user ID. */
	userId(name: string): string {
		const user = this.user(name);
		if ('username' in user) {
			this.fail(name, 'this operation needs a user ID; pick the user From List or By ID');
		}
		return user.userId;
	}
}

/** Display names of an operation's fields, including the options inside collections. */
export function fieldLabels(properties: INodeProperties[]): Record<string, string> {
	const labels: Record<string, string> = {};
	type Entry = { name?: string; displayName?: string; options?: unknown[]; values?: unknown[] };
	const nested: Array<[Entry[], string]> = [];
	const visit = (entries: Entry[], parent?: string) => {
		for (const entry of entries) {
			// A top-level field keeps its own label when a collection reuses the name.
			if (entry.name && entry.displayName && !(entry.name in labels)) {
				labels[entry.name] = parent ? `${parent} → ${entry.displayName}` : entry.displayName;
			}
			const children = entry.options ?? entry.values;
			if (Array.isArray(children) && entry.displayName) nested.push([children as Entry[], entry.displayName]);
		}
	};
	visit(properties as Entry[]);
	while (nested.length > 0) {
		const [children, parent] = nested.shift()!;
		visit(children, parent);
	}
	return labels;
}

type OptionList = Array<{ name?: string; value?: unknown; values?: INodeProperties[] }>;

/** The fixed values of an options or multiOptions field; undefined when the server provides them (roles). */
function allowedValues(property: INodeProperties): unknown[] | undefined {
	if (property.type !== 'options' && property.type !== 'multiOptions') return undefined;
	if (property.typeOptions?.loadOptionsMethod || !Array.isArray(property.options)) return undefined;
	return (property.options as OptionList).map((option) => option.value);
}

function checkValue(p: Parameters, property: INodeProperties, value: unknown): void {
	if (value === undefined || value === null || value === '') return;
	if (property.type === 'collection' && typeof value === 'object' && !Array.isArray(value)) {
		for (const child of (property.options ?? []) as INodeProperties[]) checkValue(p, child, (value as IDataObject)[child.name]);
		return;
	}
	if (property.type === 'fixedCollection' && typeof value === 'object' && !Array.isArray(value)) {
		for (const group of (property.options ?? []) as OptionList) {
			const entries = (value as IDataObject)[String((group as { name?: string }).name)];
			for (const entry of Array.isArray(entries) ? entries : entries ? [entries] : []) {
				for (const child of group.values ?? []) checkValue(p, child, (entry as IDataObject)[child.name]);
			}
		}
		return;
	}
	const allowed = allowedValues(property);
	if (!allowed) return;
	const given = property.type === 'multiOptions' && Array.isArray(value) ? value : [value];
	for (const entry of given) {
		if (!allowed.some((option) => String(option) === String(entry))) {
			const choices = (property.options as OptionList).map((option) => `${JSON.stringify(option.value)} (${option.name})`).join(', ');
			p.fail(property.name, `${JSON.stringify(entry)} is not one of the allowed values: ${choices}`);
		}
	}
}

/**
 * Checks every options and multiOptions field of an operation (also inside collections) against its allowed
 * values: an expression or an AI agent's $fromAI can put any text there. Fields whose options the server
 * provides (roles) are passed on as typed; the server checks them.
 */
export function checkOptionValues(p: Parameters, properties: INodeProperties[]): void {
	for (const property of properties) {
		if (!['options', 'multiOptions', 'collection', 'fixedCollection'].includes(property.type)) continue;
		checkValue(p, property, p.raw(property.name));
	}
}
