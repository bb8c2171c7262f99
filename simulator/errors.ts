/**
 * Rocket.Chat's REST error envelopes (ApiClass), including the 9.0 error switch (`shouldBreakInVersion('9.0.0')`)
 * and the 9.0 refusal remapping (versions.ts): handlers throw ApiError; the router turns it into status + body.
 */
import { has } from './versions';

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

/** API.v1.unauthorized(msg) */
export function unauthorized(message = 'unauthorized'): ApiError {
	return new ApiError({ status: 401, body: { success: false, error: message } });
}

/** API.v1.forbidden(): the default text changes with the 9.0 error switch ('forbidden' instead of 'unauthorized'). */
export function forbidden(version: string, message?: string): ApiError {
	return new ApiError({ status: 403, body: { success: false, error: message ?? (has(version, 'apiErrorFormatV2') ? 'forbidden' : 'unauthorized') } });
}

/** The licence middleware (ee/server/api/v1/middlewares/license.ts) for a route whose `license` module is missing. */
export function licenceMissing(): ApiResponse {
	return { status: 400, body: { success: false, error: 'This is an enterprise feature [error-action-not-allowed]', errorType: 'error-action-not-allowed' } };
}

/** Body for a request without valid X-User-Id/X-Auth-Token on an authRequired route. */
export function notLoggedIn(version: string): ApiResponse {
	const body: Record<string, unknown> = { success: false, error: 'You must be logged in to do this.' };
	// Until the 9.0 error switch the old Restivus keys are merged in for compatibility.
	if (!has(version, 'apiErrorFormatV2')) Object.assign(body, { status: 'error', message: 'You must be logged in to do this.' });
	return { status: 401, body };
}

/**
 * permissionsRequired failure: 403 with the `[error-unauthorized]` text at every modelled version (the permissions
 * middleware answers it itself in both branches of the error switch).
 */
export function missingPermission(): ApiError {
	return new ApiError({ status: 403, body: { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' } });
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

/** The Meteor error codes RocketChat/Rocket.Chat#43214 turns into 403 error-forbidden (9.0.0). */
export const REMAPPED_REFUSALS: readonly string[] = ['error-not-allowed', 'not-allowed', 'not-authorized', 'not_authorized', 'no-permission', 'error-not-authorized-federation'];

/** The catch block of the route wrapper: maps thrown errors to responses. */
export function toApiError(e: unknown, version: string): ApiError {
	if (e instanceof ApiError) return e;
	if (e instanceof MeteorError) {
		switch (e.error) {
			case 'unauthorized':
			case 'error-unauthorized':
				return has(version, 'apiErrorFormatV2') ? unauthorized(e.message) : forbidden(version, e.message);
			case 'forbidden':
			case 'error-forbidden':
				if (has(version, 'apiErrorFormatV2')) return forbidden(version, e.message);
				break;
			default:
				// #43214: refusals thrown with these codes answer 403 error-forbidden from 9.0.
				if (typeof e.error === 'string' && REMAPPED_REFUSALS.includes(e.error) && has(version, 'refusalsAre403')) {
					return new ApiError({ status: 403, body: { success: false, error: e.message, errorType: 'error-forbidden' } });
				}
				break;
		}
		const body: Record<string, unknown> = { success: false, error: e.message, errorType: e.error };
		if (e.details !== undefined) body.details = e.details;
		return new ApiError({ status: 400, body });
	}
	const message = e instanceof Error ? e.message : String(e);
	return failure(message);
}
