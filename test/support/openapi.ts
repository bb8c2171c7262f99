/**
 * Contract validator for the official Rocket.Chat OpenAPI 3.0 files (test support only).
 * Deliberately small: `yaml` parses, our own walker inlines internal `$ref`s and turns OpenAPI 3.0 schemas
 * into JSON Schema, `ajv` validates. No mock server, no network.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface ContractRequest {
	method: string;
	/** Path only, no query string, e.g. '/api/v1/users.info' or '/api/v1/avatar/alice'. */
	path: string;
	query?: Record<string, string | string[]>;
	headers?: Record<string, string | string[] | undefined>;
	/** e.g. 'application/json' or 'multipart/form-data' */
	contentType?: string;
	/** Parsed JSON object, or for multipart an object of field name -> string | {filename, contentType, data: Buffer}. */
	body?: unknown;
}

export interface ContractResponse {
	method: string;
	path: string;
	status: number;
	contentType?: string;
	body?: unknown;
}

export interface OpenApiContract {
	/** The operation that matches method+path (templated paths like /api/v1/avatar/{subject} resolved), or undefined. */
	findOperation(method: string, path: string): { file: string; template: string; operationId?: string } | undefined;
	/** Human-readable violations; [] = valid. */
	validateRequest(req: ContractRequest): string[];
	/** Same for responses: JSON bodies against the schema of that status (or 'default'); binary ones only check the status. */
	validateResponse(res: ContractResponse): string[];
}

const SPEC_FILES = ['user-management.yaml', 'authentication.yaml', 'settings.yaml'];
const DEFAULT_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'rocketchat-openapi');

function openApiDir(): string {
	return process.env.ROCKETCHAT_OPENAPI_DIR || DEFAULT_DIR;
}

export const openApiSkipReason =
	`OpenAPI contract checks skipped: ${SPEC_FILES.join(', ')} not found in ${openApiDir()} ` +
	'(copy the official Rocket.Chat OpenAPI files there or set ROCKETCHAT_OPENAPI_DIR).';

// ---------------------------------------------------------------------------------------------------------------
// Known quirks of the official files, tolerated on purpose. Keys are 'METHOD template'. Sources:
// /work/shared/rocketchat-openapi/README.md ("Known quirks") and /work/shared/docs/endpoints.md (rows U2, U4, U7, U8, U12, U34, U41).
// ---------------------------------------------------------------------------------------------------------------

/** U2: the spec types `selector` as `object`, but the server (and rest-typings) read a JSON string: accept a string that parses to one. */
const JSON_STRING_QUERY_PARAMS: Record<string, string[]> = {
	'GET /api/v1/users.autocomplete': ['selector'],
};

/** U4: the spec requires auth headers on users.getAvatar; the server route is authRequired:false (307 to /avatar/...). */
const OPTIONAL_HEADERS: Record<string, string[]> = {
	'GET /api/v1/users.getAvatar': ['x-user-id', 'x-auth-token'],
};

/**
 * U41: the users.update 200 schema types `user.inactiveReason` as string, but the spec's own 200 example (apparently a
 * captured server answer, and what a Prism mock replays) has null; not verified against the server source. Accept null
 * for that one field only; any other wrong type still fails.
 */
const NULLABLE_RESPONSE_FIELDS: Record<string, string[]> = {
	'POST /api/v1/users.update 200': ['user.inactiveReason'],
};

/**
 * `username` in place of `userId`: on these operations the spec declares only `userId` and names `username` as the
 * alternative in prose, and the server takes either. Where listed, a `username` without a `userId` is checked as the
 * `userId` would be (so the missing `userId` is not reported); anything else undeclared still fails, and so does a
 * `username` next to a `userId`.
 */
export const USERNAME_FOR_USER_ID: Record<string, { in: 'query' | 'body'; reason: string }> = {
	'GET /api/v1/users.getAvatar': { in: 'query', reason: 'U4: userId "or username" (parameter description); the server redirects either to /avatar/{username}' },
	'GET /api/v1/users.getPresence': { in: 'query', reason: 'U7: userId "or username" (parameter description), the server reads both' },
	'GET /api/v1/users.getStatus': { in: 'query', reason: 'U8: userId "or username" (parameter description), the server reads both' },
	'POST /api/v1/users.resetAvatar': { in: 'body', reason: 'U34: body userId "or username" (property description), the server reads both' },
};

/** Applies USERNAME_FOR_USER_ID: the object with `username` moved to `userId`, or the object itself. */
function usernameAsUserId<T>(opKey: string, where: 'query' | 'body', values: T): T {
	if (USERNAME_FOR_USER_ID[opKey]?.in !== where || !isObject(values)) return values;
	if (!('username' in values) || 'userId' in values) return values;
	const { username, ...rest } = values;
	return { ...rest, userId: username } as T;
}

/** U12: `roles[]` / `inactiveReason[]` are declared as scalars, but the `[]` suffix is the server's repeatable-key convention. */
const REPEATABLE_SUFFIX = '[]';

/**
 * Where the spec's path is not the server's, the server decides: a request to the server's path is checked against
 * the spec's operation. Each entry: the server's path prefix, the spec's, and the server-source reason.
 */
export const SERVER_PATH_EXCEPTIONS: Array<{ server: string; spec: string; reason: string }> = [
	{
		server: '/avatar/',
		spec: '/api/v1/avatar/',
		reason:
			'U1: the spec (and the seeds) say GET /api/v1/avatar/{subject}, but the server serves avatars from its web app at /avatar/{subject} ' +
			'(apps/meteor/server/routes/avatar/index.ts: WebApp.connectHandlers.use("/avatar/", …)); no server version has /api/v1/avatar/…',
	},
];

function specPathFor(urlPath: string): string {
	const exception = SERVER_PATH_EXCEPTIONS.find((entry) => urlPath.startsWith(entry.server));
	return exception ? exception.spec + urlPath.slice(exception.server.length) : urlPath;
}

// U8 (users.getStatus): the spec declares no auth headers, the server needs them. No exception needed: undeclared
// headers are always accepted.

// ---------------------------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
interface Parameter { name: string; in: string; required?: boolean; schema?: Json }
interface MediaType { schema?: Json }
interface Operation {
	operationId?: string;
	parameters?: Parameter[];
	requestBody?: { required?: boolean; content?: Record<string, MediaType> };
	responses?: Record<string, { content?: Record<string, MediaType> }>;
}
interface Entry {
	file: string;
	template: string;
	method: string;
	operationId?: string;
	op: Operation;
	/** Path-level parameters merged with the operation's (the operation wins). */
	params: Parameter[];
	matcher: RegExp;
	pathParamNames: string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Inlines internal `$ref`s; each file is self-contained, so anything else is an error in the input. */
function deref(doc: Json, node: unknown, stack: string[] = []): unknown {
	if (Array.isArray(node)) return node.map((item) => deref(doc, item, stack));
	if (!isObject(node)) return node;
	const ref = node.$ref;
	if (typeof ref === 'string') {
		if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
		if (stack.includes(ref)) throw new Error(`recursive $ref not supported: ${ref}`);
		const target = ref
			.slice(2)
			.split('/')
			.reduce<unknown>((cur, seg) => (isObject(cur) ? cur[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
		if (target === undefined) throw new Error(`unresolved $ref: ${ref}`);
		return deref(doc, target, [...stack, ref]);
	}
	return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, deref(doc, value, stack)]));
}

const DROPPED_KEYWORDS = new Set(['example', 'examples', 'nullable', 'discriminator', 'xml', 'externalDocs', 'deprecated']);

/** OpenAPI 3.0 Schema Object -> JSON Schema (draft-07): walks only schema positions, so a property named `example` survives. */
function toJsonSchema(schema: unknown): Json {
	if (!isObject(schema)) return {};
	const out: Json = {};
	for (const [key, value] of Object.entries(schema)) {
		if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
		if ((key === 'properties' || key === 'patternProperties') && isObject(value)) {
			out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
		} else if (['allOf', 'anyOf', 'oneOf'].includes(key) && Array.isArray(value)) {
			out[key] = value.map(toJsonSchema);
		} else if (['items', 'not', 'additionalProperties'].includes(key) && isObject(value)) {
			out[key] = toJsonSchema(value);
		} else {
			out[key] = value;
		}
	}
	// (No boolean exclusiveMinimum/Maximum in these files, so no draft-04 -> draft-07 conversion for them.)
	return schema.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: Json): Json {
	if (typeof schema.type !== 'string') return { anyOf: [schema, { type: 'null' }] };
	const out: Json = { ...schema, type: [schema.type, 'null'] };
	if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
	return out;
}

/** Applies NULLABLE_RESPONSE_FIELDS: dotted path through `properties`. */
function withNullableField(schema: Json, dotted: string): Json {
	const [head, ...rest] = dotted.split('.');
	const props = isObject(schema.properties) ? schema.properties : undefined;
	if (!props || !isObject(props[head])) throw new Error(`NULLABLE_RESPONSE_FIELDS: no property "${dotted}" in schema`);
	const sub = rest.length ? withNullableField(props[head], rest.join('.')) : allowNull(props[head]);
	return { ...schema, properties: { ...props, [head]: sub } };
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
	return contentType?.split(';')[0].trim().toLowerCase() || undefined;
}
const isJsonMedia = (mediaType: string): boolean => mediaType === 'application/json' || mediaType.endsWith('+json');

/** Strings on the wire -> the JSON type the schema wants; anything unparseable stays a string so ajv reports it. */
function coerceScalar(raw: string, schema: Json): unknown {
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	if ((type === 'integer' || type === 'number') && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
	if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
	return raw;
}

/** The filename/contentType/data shape the multipart helpers send for a file field. */
function isFilePart(v: unknown): boolean {
	return isObject(v) && typeof v.filename === 'string' && Buffer.isBuffer(v.data);
}

const normalizeName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function describeErrors(errors: ErrorObject[] | null | undefined, label: string): string[] {
	const messages = (errors ?? []).map((e) =>
		e.keyword === 'required'
			? `${label}${e.instancePath}: missing required property "${String(e.params.missingProperty)}"`
			: `${label}${e.instancePath}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` ("${String(e.params.additionalProperty)}")` : ''}`,
	);
	return [...new Set(messages)];
}

/** Top-level body keys touched by the errors, so a response failure says at a glance which keys are wrong. */
function topLevelKeys(errors: ErrorObject[]): string[] {
	const keys = errors.map((e) => {
		const first = e.instancePath.split('/')[1];
		if (first !== undefined) return first.replace(/~1/g, '/').replace(/~0/g, '~');
		return e.keyword === 'required' ? String(e.params.missingProperty) : '(root)';
	});
	return [...new Set(keys)];
}

class Contract implements OpenApiContract {
	private readonly entries: Entry[] = [];
	private readonly ajv = new Ajv({ strict: false, allErrors: true, logger: false });
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor(docs: Array<{ file: string; doc: Json }>) {
		addFormats(this.ajv);
		// OpenAPI-only formats: nothing to check on a parsed value (binary file parts are replaced before validation).
		for (const format of ['binary', 'byte', 'password', 'int32', 'int64', 'float', 'double']) this.ajv.addFormat(format, true);
		for (const { file, doc } of docs) {
			const paths = deref(doc, doc.paths ?? {}) as Record<string, Json>;
			for (const [template, item] of Object.entries(paths)) {
				const pathParams = (item.parameters ?? []) as Parameter[];
				for (const method of HTTP_METHODS) {
					const op = item[method] as Operation | undefined;
					if (!op) continue;
					const own = op.parameters ?? [];
					const params = [...pathParams.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
					const pathParamNames: string[] = [];
					const pattern = template
						.split(/(\{[^}]+\})/)
						.map((part) => {
							if (!/^\{[^}]+\}$/.test(part)) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
							pathParamNames.push(part.slice(1, -1));
							return '([^/]+)';
						})
						.join('');
					const entry = { file, template, method: method.toUpperCase(), operationId: op.operationId, op, params };
					this.entries.push({ ...entry, matcher: new RegExp(`^${pattern}$`), pathParamNames });
				}
			}
		}
		// Literal paths win over templated ones (e.g. a future /avatar/foo next to /avatar/{subject}).
		this.entries.sort((a, b) => a.pathParamNames.length - b.pathParamNames.length);
	}

	private find(method: string, urlPath: string): Entry | undefined {
		const path = specPathFor(urlPath);
		return this.entries.find((e) => e.method === method.toUpperCase() && e.matcher.test(path));
	}

	findOperation(method: string, urlPath: string): { file: string; template: string; operationId?: string } | undefined {
		const entry = this.find(method, urlPath);
		return entry && { file: entry.file, template: entry.template, operationId: entry.operationId };
	}

	private noOperation(method: string, urlPath: string): string {
		const others = this.entries.filter((e) => e.matcher.test(urlPath)).map((e) => e.method);
		const hint = urlPath.includes('?')
			? ' (pass the query string in `query`, not in `path`)'
			: others.length ? ` (this path exists for: ${others.join(', ')})` : '';
		return `no operation ${method.toUpperCase()} ${urlPath} in the OpenAPI files${hint}`;
	}

	/** Compiled once per location (key), built lazily: most of the three files is never used. */
	private validator(key: string, build: () => Json): ValidateFunction {
		const fn = this.compiled.get(key) ?? this.ajv.compile(build());
		this.compiled.set(key, fn);
		return fn;
	}

	private check(key: string, schema: Json | undefined, value: unknown, label: string): string[] {
		const validate = this.validator(key, () => toJsonSchema(schema));
		return validate(value) ? [] : describeErrors(validate.errors, label);
	}

	validateRequest(req: ContractRequest): string[] {
		const entry = this.find(req.method, req.path);
		if (!entry) return [this.noOperation(req.method, req.path)];
		const opKey = `${entry.method} ${entry.template}`;
		const violations: string[] = [];

		// Path parameters.
		const match = entry.matcher.exec(specPathFor(req.path)) ?? [];
		entry.pathParamNames.forEach((name, i) => {
			const param = entry.params.find((p) => p.in === 'path' && p.name === name);
			let raw = match[i + 1] ?? '';
			try {
				raw = decodeURIComponent(raw);
			} catch {
				violations.push(`${opKey}: path parameter "${name}" is not valid URL encoding`);
			}
			violations.push(...this.check(`${opKey} path ${name}`, param?.schema, coerceScalar(raw, param?.schema ?? {}), `${opKey}: path parameter "${name}"`));
		});

		// Query parameters: wire keys must match declared names exactly (so `user_id` or `roles` instead of `roles[]` fail).
		const query = usernameAsUserId(opKey, 'query', req.query ?? {});
		const declared = entry.params.filter((p) => p.in === 'query');
		for (const key of Object.keys(query)) {
			if (declared.some((p) => p.name === key)) continue;
			const near = declared.find((p) => normalizeName(p.name) === normalizeName(key));
			violations.push(`${opKey}: unknown query parameter "${key}"${near ? ` (did you mean "${near.name}"?)` : ''}`);
		}
		for (const param of declared) {
			const raw = query[param.name];
			if (raw === undefined) {
				if (param.required) violations.push(`${opKey}: missing required query parameter "${param.name}"`);
				continue;
			}
			violations.push(...this.checkQueryParam(opKey, param, Array.isArray(raw) ? raw : [raw]));
		}

		// Header parameters: names are case-insensitive; undeclared headers are always fine.
		const headers = new Map<string, string>();
		for (const [name, value] of Object.entries(req.headers ?? {})) {
			if (value !== undefined) headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
		}
		for (const param of entry.params.filter((p) => p.in === 'header')) {
			const name = param.name.toLowerCase();
			const value = headers.get(name);
			if (value === undefined) {
				if (param.required && !OPTIONAL_HEADERS[opKey]?.includes(name)) violations.push(`${opKey}: missing required header "${param.name}"`);
				continue;
			}
			violations.push(...this.check(`${opKey} header ${name}`, param.schema, coerceScalar(value, param.schema ?? {}), `${opKey}: header "${param.name}"`));
		}

		violations.push(...this.checkBody(entry, opKey, { ...req, body: usernameAsUserId(opKey, 'body', req.body) }));
		return violations;
	}

	private checkQueryParam(opKey: string, param: Parameter, raw: string[]): string[] {
		const label = `${opKey}: query parameter "${param.name}"`;
		const schema = param.schema ?? {};
		const cacheKey = `${opKey} query ${param.name}`;
		if (schema.type === 'array') {
			const items = isObject(schema.items) ? schema.items : {};
			return this.check(cacheKey, schema, raw.map((r) => coerceScalar(r, items)), label);
		}
		if (raw.length > 1 && !param.name.endsWith(REPEATABLE_SUFFIX)) return [`${label} is given ${raw.length} times but is not repeatable`];
		if ((JSON_STRING_QUERY_PARAMS[opKey] ?? []).includes(param.name)) {
			try {
				return this.check(cacheKey, schema, JSON.parse(raw[0]), label);
			} catch {
				return [`${label} must be a JSON string (the server parses it), got ${JSON.stringify(raw[0])}`];
			}
		}
		return raw.flatMap((r) => this.check(cacheKey, schema, coerceScalar(r, schema), label));
	}

	private checkBody(entry: Entry, opKey: string, req: ContractRequest): string[] {
		const content = entry.op.requestBody?.content;
		// HTTP helpers often send `{}` on body-less POSTs (2fa.enableEmail, logoutOtherClients...): harmless, so allowed.
		const empty = req.body === undefined || req.body === null || (isObject(req.body) && Object.keys(req.body).length === 0);
		if (!content) return empty ? [] : [`${opKey}: sends a request body but the operation declares none`];
		if (req.body === undefined) {
			// None of these files sets requestBody.required, yet Rocket.Chat reads an absent body as {} and then fails on
			// the schema's required fields: so an absent body is a violation whenever the schema requires properties.
			const needed = Object.values(content).flatMap((m) => (Array.isArray(m.schema?.required) ? (m.schema.required as string[]) : []));
			return entry.op.requestBody?.required || needed.length
				? [`${opKey}: missing request body (required: ${[...new Set(needed)].join(', ') || 'body'})`]
				: [];
		}
		const mediaType = mediaTypeOf(req.contentType) ?? 'application/json';
		const media = content[mediaType];
		if (!media) return [`${opKey}: request content type "${mediaType}" not accepted (spec: ${Object.keys(content).join(', ')})`];
		const label = `${opKey}: request body`;
		const schema = media.schema ?? {};
		if (mediaType !== 'multipart/form-data') return this.check(`${opKey} body ${mediaType}`, schema, req.body, label);

		// Multipart: file parts are only valid for `format: binary` fields, and stand in as a string for ajv.
		if (!isObject(req.body)) return [`${label} must be an object of multipart fields`];
		const props = isObject(schema.properties) ? schema.properties : {};
		const fields: Json = {};
		const violations: string[] = [];
		for (const [name, value] of Object.entries(req.body)) {
			const field = isObject(props[name]) ? props[name] : {};
			const binary = field.format === 'binary';
			if (isFilePart(value) !== binary) {
				violations.push(`${label}: multipart field "${name}" ${binary ? 'must be a file part {filename, contentType, data}' : 'is a file but not declared format: binary'}`);
				continue;
			}
			fields[name] = binary ? '<binary>' : typeof value === 'string' ? coerceScalar(value, field) : value;
		}
		return [...violations, ...this.check(`${opKey} body ${mediaType}`, schema, fields, label)];
	}

	validateResponse(res: ContractResponse): string[] {
		const entry = this.find(res.method, res.path);
		if (!entry) return [this.noOperation(res.method, res.path)];
		const opKey = `${entry.method} ${entry.template}`;
		const where = `${opKey} -> ${res.status}`;
		const responses = entry.op.responses ?? {};
		const status = String(res.status);
		const key = [status, `${status[0]}XX`, 'default'].find((k) => k in responses);
		if (!key) return [`${where}: status ${status} not declared (spec: ${Object.keys(responses).join(', ')})`];
		const content = responses[key].content;
		if (!content) return [];
		const mediaType = mediaTypeOf(res.contentType) ?? (content['application/json'] ? 'application/json' : undefined);
		if (!mediaType || !isJsonMedia(mediaType)) return []; // binary (avatars): only the status is checked
		const media = content[mediaType] ?? content['application/json'];
		if (!media) return [`${where}: JSON response, but the spec declares only ${Object.keys(content).join(', ')}`];
		if (!media.schema) return [];

		const schema = media.schema;
		const fn = this.validator(`${opKey} response ${key} ${mediaType}`, () =>
			(NULLABLE_RESPONSE_FIELDS[`${opKey} ${key}`] ?? []).reduce(withNullableField, toJsonSchema(schema)),
		);
		if (fn(res.body)) return [];
		const errors = fn.errors ?? [];
		return [`${where}: response body top-level keys not matching the schema: ${topLevelKeys(errors).join(', ')}`, ...describeErrors(errors, `${where}: response body`)];
	}
}

const loaded = new Map<string, OpenApiContract | undefined>();

/** Loads the three YAML files. Directory: env ROCKETCHAT_OPENAPI_DIR, else <repo>/../shared/rocketchat-openapi. */
export function loadOpenApiContract(): OpenApiContract | undefined {
	const dir = openApiDir();
	if (!loaded.has(dir)) {
		const files = SPEC_FILES.map((file) => ({ file, full: path.join(dir, file) }));
		const available = files.every(({ full }) => fs.existsSync(full));
		loaded.set(
			dir,
			available ? new Contract(files.map(({ file, full }) => ({ file, doc: parseYaml(fs.readFileSync(full, 'utf8')) as Json }))) : undefined,
		);
	}
	return loaded.get(dir);
}
