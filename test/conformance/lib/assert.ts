/** Assertions on Rocket.Chat answers, shared by the case files. */
import assert from 'node:assert/strict';

import type { Answer } from './client';
import { serverHas, type CaseContext } from './suite';

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

/**
 * permissionsRequired refusals: 403 "User does not have the permissions required for this action [error-unauthorized]"
 * at every release (the permissions middleware answers it in both branches of the 9.0 error switch).
 */
export function permissionRefused(res: Answer): void {
	refused(res, 403, 'User does not have the permissions required for this action [error-unauthorized]');
}

/**
 * A refusal a route throws as Meteor error `code` (error-not-allowed, not-authorized, …): 400 with errorType = code
 * until 9.0; from 9.0 (RocketChat/Rocket.Chat#43214) 403 with errorType error-forbidden. The text stays the same.
 */
export function ruleRefused(ctx: CaseContext, res: Answer, code: string, error?: string): void {
	const remapped = REMAPPED.includes(code) && serverHas(ctx, 'refusalsAre403');
	refused(res, remapped ? 403 : 400, error);
	assert.equal(res.body.errorType, remapped ? 'error-forbidden' : code);
}

/** The codes #43214 remaps (the same list as the simulator's errors.ts, re-stated here from the PR). */
const REMAPPED = ['error-not-allowed', 'not-allowed', 'not-authorized', 'not_authorized', 'no-permission', 'error-not-authorized-federation'];
