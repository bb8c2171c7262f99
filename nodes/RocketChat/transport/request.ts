import { sleep } from 'n8n-workflow';
import type {
	IAllExecuteFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { baseMimeType, encodeMultipart, fileNameFor } from './binary';
import { CREDENTIAL_TYPE, type Connection } from './connection';
import { apiError, isTrigger, notRocketChatError, rateLimitWaitMs, type ErrorContext } from './errors';
import { failureCode, isMarkedNonRetryable, requestFailure } from './networkErrors';
import { fetchPages } from './paginate';
import { mapWithConcurrency } from './concurrency';
import { waitWithin, type RateLimitBudget, type RateLimitWaitTooLong } from './rateLimit';
import { redactSecrets } from './secrets';
import { serverVersion } from './serverInfo';
import { isFlow, type OperationRequest, type RequestFlow, type RequestSpec } from './spec';
import { twoFactorHeaders } from './twoFactor';

export interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** The URL that answered (redirect locations are relative to it). */
	url: string;
	/** The server answered the spec's notFoundError. */
	notFound?: boolean;
	/** The server refused the request with the spec's unsupportedErrorType. */
	unsupported?: boolean;
}

/** Extra wire details the transport adds to a spec (a page's query, an encoded upload). */
export interface SendOptions {
	qs?: IDataObject;
	rawBody?: { body: Buffer; contentType: string };
	/** An absolute URL to call instead of the spec's path (a redirect's target). */
	url?: string;
	/** Send no credential headers (a redirect to another origin). */
	anonymous?: boolean;
	/** Extra headers (the avatar route's rc_uid/rc_token cookie). */
	headers?: IDataObject;
}

function parseJsonBody(body: unknown): IDataObject | undefined {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
}

/** Gateway answers and broken connections: the request may not have reached Rocket.Chat at all. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN']);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Exponential backoff with full jitter, so parallel retries do not hit the server in step. */
function backoffMs(settings: Connection['settings'], attempt: number): number {
	return Math.round(settings.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
}

/**
 * Sends one request for a spec and returns the answer of a successful call. Auth comes from the
 * credential through n8n's helper. Rate limits are waited out, idempotent GETs are retried after
 * gateway errors and broken connections, and failures become NodeApiErrors without secrets.
 */
export async function send(
	context: IAllExecuteFunctions,
	connection: Connection,
	spec: RequestSpec,
	itemIndex: number,
	extra: SendOptions = {},
): Promise<RawResponse> {
	const url = extra.url ?? `${connection.baseUrl}${spec.path}`;
	const route = `${spec.method} ${extra.url ? new URL(extra.url).pathname : spec.path}`;
	const { settings, rateLimits } = connection;
	const options: IHttpRequestOptions = {
		method: spec.method,
		url,
		qs: { ...spec.qs, ...extra.qs },
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: true,
		timeout: settings.timeoutMs,
		// Only the server's own origin: a redirect elsewhere is verified as usual.
		skipSslCertificateValidation: connection.ignoreSslIssues === true && new URL(url).origin === connection.origin,
	};
	const baseHeaders: IDataObject = { ...extra.headers };
	if (extra.rawBody) {
		options.body = extra.rawBody.body;
		options.json = false;
		baseHeaders['content-type'] = extra.rawBody.contentType;
	} else if (spec.body !== undefined) {
		options.body = spec.body;
	}
	// Redirects are never followed blindly: download() follows them and decides whether the target may see the
	// credential; for an API call a redirect means the Server URL does not point at the API (an SSO proxy).
	options.disableFollowRedirect = true;
	if (spec.download) {
		options.json = false;
		options.encoding = 'arraybuffer';
	}

	let retries = 0;
	let rateLimitRetries = 0;
	const errorContext = (headers?: IDataObject): ErrorContext => ({ twoFactorMethod: connection.twoFactor.method, headers });
	/** The last answer's headers: a refusal before sending (the wait is too long) names the limit they carried. */
	let lastHeaders: IDataObject | undefined;
	// A 429 means the call was not processed, so any method may be resent: as long as the wait allows.
	const rateLimitBudget: RateLimitBudget = { leftMs: settings.maxRateLimitWaitMs, totalMs: settings.maxRateLimitWaitMs };
	/** The credential's answer to a 2FA challenge on a route not known as gated: sent at most once. */
	let challengeAnswer: Record<string, string> | undefined;
	for (;;) {
		try {
			await rateLimits.acquire(route, rateLimitBudget);
		} catch (error) {
			// The only refusal here: the reset is further away than the allowed wait.
			const { limit } = error as RateLimitWaitTooLong;
			const headers = limit === undefined ? lastHeaders : { ...lastHeaders, 'x-ratelimit-limit': limit };
			throw apiError(context.getNode(), spec, 429, { success: false, error: (error as Error).message }, itemIndex, errorContext(headers));
		}
		// A TOTP code is only valid for its 30 s step: compute it per attempt.
		options.headers = spec.twoFactor
			? { ...baseHeaders, ...twoFactorHeaders(connection.twoFactor, spec.twoFactor, Date.now()) }
			: { ...baseHeaders, ...challengeAnswer };

		let response: { statusCode: number; headers: IDataObject; body: unknown };
		try {
			response =
				spec.auth === 'none' || extra.anonymous
					? await context.helpers.httpRequest(options)
					: await context.helpers.httpRequestWithAuthentication.call(
							context,
							CREDENTIAL_TYPE,
							options,
							connection.credential ? { credentialsDecrypted: connection.credential } : undefined,
						);
		} catch (error) {
			rateLimits.settle(route, undefined);
			const code = failureCode(error);
			// A POST may have been applied before the connection broke: never send it twice.
			const retryable = code !== undefined && RETRYABLE_CODES.has(code) && !isMarkedNonRetryable(error);
			if (spec.method === 'GET' && retryable && retries < settings.maxRetries) {
				retries++;
				await sleep(backoffMs(settings, retries));
				continue;
			}
			const trigger = isTrigger(context.getNode());
			throw requestFailure(context.getNode(), error, itemIndex, { url, timeoutMs: settings.timeoutMs, trigger });
		}

		const statusCode = Number(response.statusCode);
		const headers = response.headers ?? {};
		lastHeaders = headers;
		rateLimits.settle(route, headers, statusCode);
		if (statusCode === 429 && rateLimitBudget.leftMs > 0) {
			rateLimitRetries++;
			const resetAt = Number(headers['x-ratelimit-reset']);
			if (!(resetAt > Date.now())) {
				// No reset header (a proxy may drop them): the limiter's text still says how long to wait, so the
				// tracker learns the window from it and paces this request and the others; else back off.
				const waitMs = rateLimitWaitMs(parseJsonBody(response.body)?.error);
				if (waitMs !== undefined) rateLimits.settle(route, { 'x-ratelimit-reset': Date.now() + waitMs }, statusCode);
				else await waitWithin(rateLimitBudget, backoffMs(settings, rateLimitRetries));
			}
			continue;
		}
		if (RETRYABLE_STATUS.has(statusCode) && spec.method === 'GET' && retries < settings.maxRetries) {
			retries++;
			await sleep(backoffMs(settings, retries));
			continue;
		}

		const isBinary = spec.download !== undefined && statusCode < 300;
		if (REDIRECT_STATUS.has(statusCode)) {
			if (spec.download !== undefined && headers.location !== undefined) return { statusCode, headers, body: undefined, url };
			throw notRocketChatError(context.getNode(), { url, statusCode, headers, body: response.body }, itemIndex);
		}
		const json = isBinary ? undefined : parseJsonBody(response.body);
		// Before anyone sees the answer, errors included.
		if (json) redactSecrets(json);
		if (json?.errorType === 'totp-required' && !spec.twoFactor && challengeAnswer === undefined) {
			// A gate this version added: the server refused before doing anything, so even a POST may be resent,
			// once, with the credential's answer.
			challengeAnswer = twoFactorHeaders(connection.twoFactor, {}, Date.now());
			if (Object.keys(challengeAnswer).length > 0) continue;
		}
		if (spec.notFoundError !== undefined && json?.success === false && json.error === spec.notFoundError) {
			return { statusCode, headers, body: json, url, notFound: true };
		}
		if (spec.unsupportedErrorType !== undefined && statusCode === 400 && json?.errorType === spec.unsupportedErrorType) {
			return { statusCode, headers, body: json, url, unsupported: true };
		}
		if (isBinary) {
			if (!isImage(headers, response.body)) {
				throw notRocketChatError(context.getNode(), { url, statusCode, headers, body: response.body, expected: 'an image' }, itemIndex);
			}
			return { statusCode, headers, body: response.body, url };
		}
		const gatewayError = statusCode >= 500 || statusCode === 429;
		// Rocket.Chat answers every API call with a JSON object, with `success` on a 2xx.
		if (!json || (statusCode < 300 && json.success !== true)) {
			if (!gatewayError) throw notRocketChatError(context.getNode(), { url, statusCode, headers, body: response.body }, itemIndex);
		}
		if (statusCode >= 400 || json?.success === false) {
			throw apiError(context.getNode(), spec, statusCode, json, itemIndex, errorContext(headers));
		}
		return { statusCode, headers, body: json, url };
	}
}

/** An image answer: an image content type and a body. */
function isImage(headers: IDataObject, body: unknown): boolean {
	const size = Buffer.isBuffer(body) || body instanceof ArrayBuffer ? body.byteLength : 0;
	return baseMimeType(headers['content-type']).startsWith('image/') && size > 0;
}

/** The entities a response carries, as the spec's output section says. */
export function entitiesOf(spec: RequestSpec, body: unknown): IDataObject[] {
	const object = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const key = spec.output?.key;
	if (key) {
		const value = object[key];
		if (spec.output?.each) return Array.isArray(value) ? (value as IDataObject[]) : [];
		if (value && typeof value === 'object' && !Array.isArray(value)) return [value as IDataObject];
	}
	const { success: _success, ...rest } = object;
	return [rest];
}

/** Runs the spec's follow-up requests (bounded like pages) and merges their answers into the entities. */
async function complete(
	context: IExecuteFunctions,
	connection: Connection,
	spec: RequestSpec,
	entities: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const completion = spec.output?.complete;
	if (!completion) return entities;
	return await mapWithConcurrency(entities, connection.settings.pageConcurrency, async (entity) => {
		if (!completion.needs(entity)) return entity;
		const followUp = completion.request(entity);
		const response = await send(context, connection, followUp, itemIndex);
		return completion.merge(entity, (response.body ?? {}) as IDataObject);
	});
}

/**
 * Output items are paired with their input item from the start, and passed on as they are: adding
 * `pairedItem` later (a `{ ...item, pairedItem }` copy) gives every item its own hidden class on V8 (Node 20),
 * ~170 extra bytes per item, and doubles the items briefly: tens of MB for a Return All of 100,000 users.
 */
function shape(spec: RequestSpec, entities: IDataObject[], itemIndex: number): INodeExecutionData[] {
	const { filter, map, sort } = spec.output ?? {};
	const filtered = filter ? entities.filter(filter) : entities;
	const kept = sort ? sortEntities(filtered, sort) : filtered;
	return kept.map((entity) => ({ json: map ? map(entity) : entity, pairedItem: { item: itemIndex } }));
}

/** The Last-Modified of the generated letter avatar (server/routes/avatar/utils.ts, FALLBACK_LAST_MODIFIED). */
const LETTER_AVATAR_LAST_MODIFIED = 'Thu, 01 Jan 2015 00:00:00 GMT';

/**
 * Whether the avatar route served an uploaded image or the generated letter avatar: only an uploaded file gets
 * its upload time as Last-Modified; the letter avatar gets a fixed date, or none when the server blocks
 * anonymous access and renders the fallback.
 */
function avatarSource(headers: IDataObject): 'upload' | 'letter' {
	const lastModified = headers['last-modified'];
	return lastModified === undefined || lastModified === LETTER_AVATAR_LAST_MODIFIED ? 'letter' : 'upload';
}

function valueAt(entity: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as IDataObject)[key] : undefined), entity);
}

/** MongoDB's order for the values a listing holds: missing first, then numbers, then text (ISO dates sort as text). */
function compareValues(a: unknown, b: unknown): number {
	const rank = (value: unknown) => (value === undefined || value === null ? 0 : typeof value === 'number' ? 1 : 2);
	if (rank(a) !== rank(b)) return rank(a) - rank(b);
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const [left, right] = [String(a ?? ''), String(b ?? '')];
	return left < right ? -1 : left > right ? 1 : 0;
}

/** A stable sort by several fields, as a server-side sort over the whole list would give. */
function sortEntities(entities: IDataObject[], sort: Array<[string, 1 | -1]>): IDataObject[] {
	return [...entities].sort((a, b) => {
		for (const [path, direction] of sort) {
			const order = compareValues(valueAt(a, path), valueAt(b, path));
			if (order !== 0) return order * direction;
		}
		return 0;
	});
}

async function download(
	context: IExecuteFunctions,
	connection: Connection,
	spec: RequestSpec,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const target = spec.download!;
	// users.getAvatar answers 307 to the image route. The credential goes along only to the server's own
	// origin: a Location on another host (or on http://) must never receive the auth token.
	// The avatar routes read rc_uid/rc_token from a cookie; nothing else needs them.
	const avatarHeaders = (url: string): IDataObject | undefined =>
		connection.avatarCookie && url.startsWith(`${connection.baseUrl}/avatar/`) ? { cookie: connection.avatarCookie } : undefined;
	let response = await send(context, connection, spec, itemIndex, {
		headers: avatarHeaders(`${connection.baseUrl}${spec.path}`),
	});
	for (let redirects = 0; REDIRECT_STATUS.has(response.statusCode); redirects++) {
		const location = new URL(String(response.headers.location), response.url);
		if (redirects >= MAX_REDIRECTS || !/^https?:$/.test(location.protocol)) {
			const error = `Too many or unsupported redirects (last to ${location.origin}${location.pathname})`;
			throw apiError(context.getNode(), spec, response.statusCode, { success: false, error }, itemIndex);
		}
		response = await send(context, connection, { ...spec, method: 'GET', qs: {}, twoFactor: undefined }, itemIndex, {
			url: location.href,
			anonymous: location.origin !== connection.origin,
			headers: avatarHeaders(location.href),
		});
	}
	const data = Buffer.from(response.body as ArrayBuffer);
	const mimeType = baseMimeType(response.headers['content-type']);
	const fileName = fileNameFor(target.fileName, mimeType);
	const binary = await context.helpers.prepareBinaryData(data, fileName, mimeType);
	return {
		json: { fileName, mimeType, fileSize: data.length, avatarSource: avatarSource(response.headers) },
		binary: { [target.binaryProperty]: binary },
		pairedItem: { item: itemIndex },
	};
}

async function upload(
	context: IExecuteFunctions,
	connection: Connection,
	spec: RequestSpec,
	itemIndex: number,
): Promise<RawResponse> {
	const { field, binaryProperty, fields } = spec.upload!;
	const metadata = context.helpers.assertBinaryData(itemIndex, binaryProperty);
	// getBinaryDataBuffer also works when n8n keeps binary data on disk or in S3.
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, binaryProperty);
	const rawBody = encodeMultipart(fields, {
		field,
		fileName: metadata.fileName ?? 'avatar',
		mimeType: metadata.mimeType,
		data,
	});
	return await send(context, connection, spec, itemIndex, { rawBody });
}

/** What identifies a request the server may not know: its route and the names of its query parameters. */
function unsupportedKey(spec: RequestSpec): string {
	return `${spec.method} ${spec.path}?${Object.keys(spec.qs ?? {}).sort().join('&')}`;
}

/** One request whose refusal as unknown is an answer: undefined then, and no second try in this execution. */
async function requestIfSupported(
	context: IExecuteFunctions,
	connection: Connection,
	spec: RequestSpec,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	const key = unsupportedKey(spec);
	if (connection.unsupported?.has(key)) return undefined;
	const response = await send(context, connection, spec, itemIndex);
	if (response.unsupported) {
		(connection.unsupported ??= new Set()).add(key);
		return undefined;
	}
	if (response.notFound) return [];
	return shape(spec, entitiesOf(spec, response.body), itemIndex).map((item) => item.json);
}

/** Runs a multi-step operation: its requests go through executeSpec, its entities become paired items. */
async function runFlow(
	context: IExecuteFunctions,
	connection: Connection,
	flow: RequestFlow,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const entities = await flow.run({
		serverVersion: async () => await serverVersion(context, connection, itemIndex),
		request: async (spec) => (await executeSpec(context, connection, spec, itemIndex)).map((item) => item.json),
		requestIfSupported: async (spec) => await requestIfSupported(context, connection, spec, itemIndex),
	});
	return entities.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** Performs one operation for one item and returns its output items, paired with that item. */
export async function executeSpec(
	context: IExecuteFunctions,
	connection: Connection,
	request: OperationRequest,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	if (isFlow(request)) return await runFlow(context, connection, request, itemIndex);
	const spec = request;
	if (spec.download) return [await download(context, connection, spec, itemIndex)];
	if (spec.paginate) {
		const entities = await fetchPages(
			spec.paginate,
			async (qs) => (await send(context, connection, spec, itemIndex, { qs })).body as IDataObject,
			connection.settings.pageConcurrency,
		);
		return shape(spec, await complete(context, connection, spec, entities, itemIndex), itemIndex);
	}
	const response = spec.upload
		? await upload(context, connection, spec, itemIndex)
		: await send(context, connection, spec, itemIndex);
	if (response.notFound) return [];
	return shape(spec, entitiesOf(spec, response.body), itemIndex);
}
