/**
 * Rocket.Chat's REST error envelopes (apps/meteor/app/api/server/api.ts), including the 8.0 split
 * (`applyBreakingChanges`): handlers throw ApiError; the router turns it into status + body.
 */

export interface ApiResponse {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export class ApiError extends Error {
	constructor(readonly response: ApiResponse) {
		super(typeof response.body === 'object' && response.body && 'error' in response.body ? String((response.body as { error: unknown }).error) : `HTTP ${response.status}`);
	}
}

/** A Meteor.Error(error, reason, details) thrown inside a route. */
export class MeteorError extends Error {
	constructor(
		/** Usually a string code; Accounts errors use HTTP-like numbers (e.g. 403). */
		readonly error: string | number,
		readonly reason?: string,
		readonly details?: unknown,
	) {
		super(reason ? `${reason} [${error}]` : `[${error}]`);
	}
}

/** API.v1.failure(message): 400 without errorType. */
export function failure(message: string): ApiError {
	return new ApiError({ status: 400, body: { success: false, error: message } });
}

/** API.v1.notFound(msg) */
export function notFound(message = 'Resource not found'): ApiError {
	return new ApiError({ status: 404, body: { success: false, error: message } });
}

/** API.v1.unauthorized(msg): e.g. every sessions/* route without the device-management licence. */
export function unauthorized(message = 'unauthorized'): ApiError {
	return new ApiError({ status: 401, body: { success: false, error: message } });
}

export function isV8(version: string): boolean {
	return versionAtLeast(version, 8, 0);
}

/** Whether a server version ("8.4.1", "7.10") is `major.minor` or later. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
	const [have, haveMinor] = version.split('.').map((part) => parseInt(part, 10));
	if (!Number.isFinite(have)) return false;
	return have > major || (have === major && (haveMinor || 0) >= minor);
}

/** API.v1.forbidden(): the default text changed with 8.0 ('forbidden' instead of 'unauthorized'). */
export function forbidden(version: string, message?: string): ApiError {
	return new ApiError({ status: 403, body: { success: false, error: message ?? (isV8(version) ? 'forbidden' : 'unauthorized') } });
}

/** Body for a request without valid X-User-Id/X-Auth-Token on an authRequired route. */
export function notLoggedIn(version: string): ApiResponse {
	const body: Record<string, unknown> = { success: false, error: 'You must be logged in to do this.' };
	// Before 8.0 the old Restivus keys were merged in for compatibility.
	if (!isV8(version)) Object.assign(body, { status: 'error', message: 'You must be logged in to do this.' });
	return { status: 401, body };
}

/** permissionsRequired failure: 8.x throws error-forbidden (403), 7.x error-unauthorized (also 403). */
export function missingPermission(version: string, permissions: unknown): ApiError {
	const code = isV8(version) ? 'error-forbidden' : 'error-unauthorized';
	return toApiError(new MeteorError(code, 'User does not have the permissions required for this action', { permissions }), version);
}

/** Validation failure of validateParams (ajv), thrown as Meteor.Error('invalid-params', messages). */
export function invalidParams(messages: string[]): MeteorError {
	return new MeteorError('invalid-params', messages.join('\n '));
}

export function tooManyRequests(seconds: number): ApiResponse {
	return {
		status: 429,
		body: {
			success: false,
			error: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`,
		},
	};
}

/** The catch block of the route wrapper: maps thrown errors to responses. */
export function toApiError(e: unknown, version: string): ApiError {
	if (e instanceof ApiError) return e;
	if (e instanceof MeteorError) {
		switch (e.error) {
			case 'unauthorized':
			case 'error-unauthorized':
				return isV8(version) ? unauthorized(e.message) : forbidden(version, e.message);
			case 'forbidden':
			case 'error-forbidden':
				if (isV8(version)) return forbidden(version, e.message);
				break;
			default:
				break;
		}
		const body: Record<string, unknown> = { success: false, error: e.message, errorType: e.error };
		if (e.details !== undefined) body.details = e.details;
		return new ApiError({ status: 400, body });
	}
	const message = e instanceof Error ? e.message : String(e);
	return failure(message);
}
