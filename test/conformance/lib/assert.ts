/** Assertions on Rocket.Chat answers, shared by the case files. */
import assert from 'node:assert/strict';

import type { Answer } from './client';

/** 200 with success: true. */
export function succeeded(res: Answer): Answer {
	assert.equal(res.status, 200, `expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
	assert.equal(res.body.success, true);
	return res;
}

/** A refusal with this status (and, when given, this `error` text). */
export function refused(res: Answer, status: number, error?: string): void {
	assert.equal(res.status, status, `expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
	assert.equal(res.body.success, false);
	if (error !== undefined) assert.equal(res.body.error, error);
}

/** A refusal by the route's validateParams (ajv): 400 with errorType invalid-params. */
export function invalidParams(res: Answer): void {
	refused(res, 400);
	assert.equal(res.body.errorType, 'invalid-params');
}

/** permissionsRequired / hasPermission refusals: 403, "User does not have the permissions…" ([error-unauthorized] before 8.0, [error-forbidden] after). */
export function permissionRefused(res: Answer): void {
	refused(res, 403);
	assert.match(String(res.body.error), /^User does not have the permissions required for this action \[error-(unauthorized|forbidden)\]$/);
}
