import type { IDataObject } from 'n8n-workflow';

/** Methods used by the 48 endpoints: Rocket.Chat's REST API only uses GET and POST here. */
export type HttpMethod = 'GET' | 'POST';

export type TwoFactorMethod = 'totp' | 'email' | 'password';

/** A code typed into the operation itself; it wins over the credential's 2FA settings. */
export interface TwoFactorOverride {
	code?: string;
	method?: TwoFactorMethod;
}

/**
 * Everything the transport needs to perform one operation for one item.
 * Request builders return this and do no I/O, so they can be tested as plain data.
 */
export interface RequestSpec {
	method: HttpMethod;
	/** Path below the server URL, e.g. `/api/v1/users.info`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** `none`: the endpoint takes no auth; credential headers are not sent (the credential still gives the URL). */
	auth?: 'none';
	/** Present when the server gates the route with two-factor authentication. */
	twoFactor?: TwoFactorOverride;
	/** Permission the endpoint needs; used to explain a 403. */
	permission?: string;
	/**
	 * What a refusal that names no cause ("Not allowed", "Not authorized") means for this request, when it is not
	 * the permission: e.g. the setting Delete Own Account depends on. Shown as the error's hint.
	 */
	refusal?: string;
	/** The first Rocket.Chat release with this endpoint (e.g. "8.8"): explains a 404 from an older server. */
	since?: string;
	/** The server's error text that means "nothing there" (users.info's `User not found.`): no entities, no failure. */
	notFoundError?: string;
	/**
	 * The errorType with which a server too old for this request refuses it (users.info's `email` before 8.4: ajv's
	 * `invalid-params`, as the route's schema has no such property): the flow is told, instead of a failure.
	 */
	unsupportedErrorType?: string;
	/** Offset/count/total pagination: `itemsKey` holds the page's entities. */
	paginate?: {
		itemsKey: string;
		returnAll: boolean;
		limit: number;
	};
	/** How the JSON response becomes output items; default: the response without `success`. */
	output?: {
		/** The entity (or list, with `each`) lives under this key. */
		key?: string;
		/** One output item per element of the list under `key`. */
		each?: boolean;
		/**
		 * Fills in what a listing leaves out, one follow-up request per entity that `needs` it, before
		 * `filter` and `map` (Deactivate Idle's preview reads createdAt from users.info).
		 */
		complete?: {
			needs: (entity: IDataObject) => boolean;
			request: (entity: IDataObject) => RequestSpec;
			merge: (entity: IDataObject, response: IDataObject) => IDataObject;
		};
		/**
		 * Sorted here, after reading, by these fields (dotted paths), 1 ascending or -1 descending: session lists
		 * are sorted by the server only inside each page, after skip and limit.
		 */
		sort?: Array<[string, 1 | -1]>;
		/** Keep only the entities this returns true for (Deactivate Idle's preview). */
		filter?: (entity: IDataObject) => boolean;
		/** Reshape each entity (Simplify). */
		map?: (entity: IDataObject) => IDataObject;
	};
	/** The response is a file: store it in this binary property. */
	download?: {
		binaryProperty: string;
		/** File name without extension; the extension follows the MIME type. */
		fileName: string;
	};
	/** Send the body as multipart/form-data with a file read from an input binary property. */
	upload?: {
		field: string;
		binaryProperty: string;
		/** Extra text fields sent before the file. */
		fields: Record<string, string>;
	};
}

/** The server's version as GET /api/info gives it to anyone: major and minor (the patch is only shown to admins). */
export interface ServerVersion {
	major: number;
	minor: number;
}

export function versionAtLeast(version: ServerVersion, major: number, minor: number): boolean {
	return version.major > major || (version.major === major && version.minor >= minor);
}

/** What a multi-step operation may ask of the transport, for the item it runs for. */
export interface FlowSteps {
	/** The server's version, read once per execution (GET /api/info). */
	serverVersion(): Promise<ServerVersion>;
	/** Performs one request (pagination, retries, errors as usual) and returns its entities, shaped by its output spec. */
	request(spec: RequestSpec): Promise<IDataObject[]>;
	/**
	 * Like `request`, but `undefined` when the server refuses it with the spec's `unsupportedErrorType`. The refusal is
	 * remembered for the execution: later items get `undefined` without a request.
	 */
	requestIfSupported(spec: RequestSpec): Promise<IDataObject[] | undefined>;
}

/**
 * An operation whose next request depends on an earlier answer (Create or Update: look up, then create or
 * update). `run` decides and builds; the transport performs every request. Returns the output entities.
 */
export interface RequestFlow {
	run(steps: FlowSteps): Promise<IDataObject[]>;
}

/** What a request builder returns: one request, or a small flow of them. */
export type OperationRequest = RequestSpec | RequestFlow;

export function isFlow(request: OperationRequest): request is RequestFlow {
	return 'run' in request;
}
