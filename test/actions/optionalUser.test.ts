import type { Operation } from '../../nodes/RocketChat/actions/operation';
import { Parameters } from '../../nodes/RocketChat/actions/parameters';
import * as getPresence from '../../nodes/RocketChat/actions/user/getPresence';
import * as getStatus from '../../nodes/RocketChat/actions/user/getStatus';
import * as setAvatar from '../../nodes/RocketChat/actions/user/setAvatar';
import * as setPreferences from '../../nodes/RocketChat/actions/user/setPreferences';
import * as setStatus from '../../nodes/RocketChat/actions/user/setStatus';
import type { RequestSpec } from '../../nodes/RocketChat/transport/spec';
import { buildRequest, userRef } from '../support/builders';

/**
 * "User (optional); empty = the credential's own account". An expression such as `{{ $json.id }}` that resolves to
 * nothing must not fall back to the own account: in an onboarding workflow that would change the admin instead.
 */
const EXPRESSION = '={{ $json.id }}';

/** Each operation with an optional user, with the other values it needs and where it sends the user. */
const operations: Array<[string, Operation, Record<string, unknown>, (spec: RequestSpec) => unknown]> = [
	['Get Presence', getPresence, {}, (spec) => spec.qs],
	['Get Status', getStatus, {}, (spec) => spec.qs],
	['Set Avatar', setAvatar, { avatarUrl: 'https://example.com/a.png' }, (spec) => spec.body],
	['Set Preferences', setPreferences, { preferences: { language: 'en' } }, (spec) => spec.body],
	['Set Status', setStatus, { updateFields: { status: 'away' } }, (spec) => spec.body],
];

describe.each(operations)('%s: optional user', (_name, operation, values, target) => {
	test('a field left empty means the credential user: no user is sent, no permission needed', () => {
		for (const user of [userRef('list', ''), userRef('id', ''), '']) {
			const spec = buildRequest(operation, { ...values, user });
			const sent = (target(spec) ?? {}) as Record<string, unknown>;
			expect(sent.userId).toBeUndefined();
			expect(sent.username).toBeUndefined();
			expect(spec.permission).toBeUndefined();
		}
	});

	test.each([
		['undefined', undefined],
		['an empty string', ''],
		['blanks', '  '],
		['null', null],
	])('an expression that resolved to %s is an error naming the field and item', (_what, resolved) => {
		const build = () =>
			buildRequest(
				operation,
				{ ...values, user: userRef('id', resolved as string) },
				{ itemIndex: 3, stored: { user: userRef('id', EXPRESSION) } },
			);
		expect(build).toThrow('User (item 3): the expression resolved to an empty value');
	});

	test('an expression over the whole field (not only its value) counts too', () => {
		expect(() => buildRequest(operation, { ...values, user: '' }, { itemIndex: 1, stored: { user: EXPRESSION } })).toThrow(
			'User (item 1): the expression resolved to an empty value',
		);
	});

	test('an expression that resolved to an ID sends that ID', () => {
		const spec = buildRequest(
			operation,
			{ ...values, user: userRef('id', 'BsNr28znDkG8aeo7W') },
			{ stored: { user: userRef('id', EXPRESSION) } },
		);
		expect(target(spec)).toMatchObject({ userId: 'BsNr28znDkG8aeo7W' });
	});
});

test('Parameters without the stored parameters (a plain source) keep the old reading', () => {
	const p = new Parameters((name) => (name === 'user' ? userRef('id', '') : null), 0);
	expect(p.optionalUser('user')).toBeUndefined();
});
