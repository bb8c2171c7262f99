/**
 * Users, login, settings and permissions. Cases name the `it` of Rocket.Chat's REST tests
 * (apps/meteor/tests/end-to-end/api/users.ts) they follow, or the server function they read.
 */
import assert from 'node:assert/strict';

import { refused, ruleRefused, succeeded } from '../lib/assert';
import { e2e, fn, serverHas, sharedUser, type CaseGroup } from '../lib/suite';



export const userGroup: CaseGroup = {
	name: 'Users',
	async setup(ctx) {
		for (const id of ['Accounts_AllowUserProfileChange', 'Accounts_AllowUsernameChange', 'Accounts_AllowRealNameChange', 'Accounts_AllowEmailChange', 'Accounts_AllowPasswordChange'])
			await ctx.control.setSetting(id, true);
		ctx.shared.target = await ctx.control.createUser();
		ctx.shared.self = await ctx.control.createUser();
	},
	cases: [
		{
			endpoint: 'login',
			title: 'a login with the right password answers the user id and a token that authenticates',
			source: fn('apps/meteor/app/api/server/v1/misc.ts', 'login route (Restivus)'),
			async run(ctx) {
				const self = sharedUser(ctx, 'self');
				const res = await ctx.client.call('POST', 'login', { as: null, body: { user: self.username, password: self.password } });
				assert.equal(res.status, 200);
				assert.equal(res.body.status, 'success');
				assert.equal(res.body.data.userId, self.userId);
				succeeded(await ctx.client.call('GET', 'me', { as: { userId: self.userId, authToken: res.body.data.authToken } }));
			},
		},
		{
			endpoint: 'login',
			title: 'a wrong password is 401 with status "error" until 9.0; from 9.0 only { success: false, error: "unauthorized" }',
			source: fn('apps/meteor/server/api/ApiClass.ts', 'login route: unauthorized() + Restivus keys unless applyBreakingChanges'),
			async run(ctx) {
				const res = await ctx.client.call('POST', 'login', { as: null, body: { user: sharedUser(ctx, 'self').username, password: 'not-the-password' } });
				assert.equal(res.status, 401);
				if (serverHas(ctx, 'apiErrorFormatV2')) assert.deepEqual(res.body, { success: false, error: 'unauthorized' });
				else assert.equal(res.body.status, 'error');
			},
		},
		{
			endpoint: 'login',
			title: 'a login sets lastLogin and adds a session to Device Management',
			source: fn('apps/meteor/server/services/sauMonitor/SAUMonitor.ts', 'accounts.login → _handleSession'),
			async run(ctx) {
				const self = sharedUser(ctx, 'self');
				const before = succeeded(await ctx.client.call('GET', 'sessions/list', { as: self })).body.total as number;
				await ctx.control.login(self.username, self.password);
				assert.equal(succeeded(await ctx.client.call('GET', 'sessions/list', { as: self })).body.total, before + 1);
				const info = succeeded(await ctx.client.call('GET', 'users.info', { query: { userId: self.userId } }));
				assert.equal(typeof info.body.user.lastLogin, 'string');
			},
		},
		{
			endpoint: 'users.update',
			title: 'should return an error when trying update username and it is not allowed',
			source: e2e('should return an error when trying update username and it is not allowed'),
			async run(ctx) {
				// Upstream moves the permission to ['user']; the administrator here may hold 'user' too, so no role keeps it.
				await ctx.control.setPermission('edit-other-user-info', []);
				await ctx.control.setSetting('Accounts_AllowUsernameChange', false);
				try {
					refused(await ctx.client.call('POST', 'users.update', { body: { userId: sharedUser(ctx, 'target').userId, data: { username: `${sharedUser(ctx, 'target').username}-x` } }, twoFactor: true }), 400);
				} finally {
					await ctx.control.resetPermission('edit-other-user-info');
					await ctx.control.resetSetting('Accounts_AllowUsernameChange');
				}
			},
		},
		{
			endpoint: 'users.update',
			title: 'should update the user name when the required permission is applied',
			source: e2e('should update the user name when the required permission is applied'),
			async run(ctx) {
				await ctx.control.setPermission('edit-other-user-info', ['admin']);
				await ctx.control.setSetting('Accounts_AllowUsernameChange', false);
				const target = sharedUser(ctx, 'target');
				try {
					const res = succeeded(await ctx.client.call('POST', 'users.update', { body: { userId: target.userId, data: { username: `${target.username}-renamed` } }, twoFactor: true }));
					assert.equal(res.body.user.username, `${target.username}-renamed`);
				} finally {
					await ctx.control.resetSetting('Accounts_AllowUsernameChange');
				}
			},
		},
		{
			endpoint: 'users.updateOwnBasicInfo',
			title: 'a real-name change is refused while Accounts_AllowRealNameChange is off',
			source: fn('apps/meteor/app/lib/server/functions/saveUser/validateUserEditing.ts', 'validateUserEditing'),
			async run(ctx) {
				const self = sharedUser(ctx, 'self');
				await ctx.control.setSetting('Accounts_AllowRealNameChange', false);
				try {
					refused(await ctx.client.call('POST', 'users.updateOwnBasicInfo', { as: self, body: { data: { name: 'Renamed While Forbidden' } } }), 400);
				} finally {
					await ctx.control.resetSetting('Accounts_AllowRealNameChange');
				}
				succeeded(await ctx.client.call('POST', 'users.updateOwnBasicInfo', { as: self, body: { data: { name: 'Renamed When Allowed' } } }));
			},
		},
		{
			endpoint: 'users.updateOwnBasicInfo',
			title: 'every profile change is refused while Accounts_AllowUserProfileChange is off',
			source: fn('apps/meteor/server/methods/saveUserProfile.ts', 'saveUserProfile'),
			async run(ctx) {
				await ctx.control.setSetting('Accounts_AllowUserProfileChange', false);
				try {
					ruleRefused(ctx, await ctx.client.call('POST', 'users.updateOwnBasicInfo', { as: sharedUser(ctx, 'self'), body: { data: { nickname: 'nick' } } }), 'error-not-allowed');
				} finally {
					await ctx.control.resetSetting('Accounts_AllowUserProfileChange');
				}
			},
		},
		{
			endpoint: 'users.deleteOwnAccount',
			title: 'refused while Accounts_AllowDeleteOwnAccount is off',
			source: fn('apps/meteor/app/api/server/v1/users.ts', 'users.deleteOwnAccount'),
			async run(ctx) {
				const self = sharedUser(ctx, 'self');
				await ctx.control.setSetting('Accounts_AllowDeleteOwnAccount', false);
				try {
					ruleRefused(ctx, await ctx.client.call('POST', 'users.deleteOwnAccount', { as: self, body: { password: self.password } }), 'error-not-allowed', 'Not allowed [error-not-allowed]');
				} finally {
					await ctx.control.resetSetting('Accounts_AllowDeleteOwnAccount');
				}
			},
		},
		{
			endpoint: 'permissions.update',
			title: 'a permission moved to other roles takes effect at once and is listed by permissions.listAll',
			source: fn('apps/meteor/app/api/server/v1/permissions.ts', 'permissions.update'),
			async run(ctx) {
				const self = sharedUser(ctx, 'self');
				await ctx.control.setPermission('view-device-management', ['admin', 'user']);
				try {
					const listed = succeeded(await ctx.client.call('GET', 'permissions.listAll')).body.update.find((p: { _id: string }) => p._id === 'view-device-management');
					assert.deepEqual([...listed.roles].sort(), ['admin', 'user']);
					// The user now passes the permission check (a fresh login may also skip the password fallback).
					const res = await ctx.client.call('GET', 'sessions/list.all', { as: self, twoFactor: true });
					assert.notEqual(res.status, 403, JSON.stringify(res.body));
				} finally {
					await ctx.control.resetPermission('view-device-management');
				}
				refused(await ctx.client.call('GET', 'sessions/list.all', { as: self }), 403);
			},
		},
	],
};

/** Size limits and the order of checks (server source; the upstream tests do not reach them). */
export const limitGroup: CaseGroup = {
	name: 'Users: limits and check order',
	async setup(ctx) {
		ctx.shared.self = await ctx.control.createUser();
	},
	cases: [
		{
			endpoint: 'users.updateOwnBasicInfo',
			title: 'a nickname over 120 characters is refused (error-nickname-size-exceeded), 120 is accepted',
			source: fn('apps/meteor/server/methods/saveUserProfile.ts', 'saveUserProfile: MAX_NICKNAME_LENGTH'),
			async run(ctx) {
				const self = sharedUser(ctx, 'self');
				const res = await ctx.client.call('POST', 'users.updateOwnBasicInfo', { as: self, body: { data: { nickname: 'n'.repeat(121) } } });
				refused(res, 400);
				assert.equal(res.body.errorType, 'error-nickname-size-exceeded');
				succeeded(await ctx.client.call('POST', 'users.updateOwnBasicInfo', { as: self, body: { data: { nickname: 'n'.repeat(120) } } }));
			},
		},
		{
			endpoint: 'users.update',
			title: 'a bio over 260 characters is refused (error-bio-size-exceeded)',
			source: fn('apps/meteor/app/lib/server/functions/saveUser/validateUserData.ts', 'validateUserData: MAX_BIO_LENGTH'),
			async run(ctx) {
				const res = await ctx.client.call('POST', 'users.update', { body: { userId: sharedUser(ctx, 'self').userId, data: { bio: 'b'.repeat(261) } }, twoFactor: true });
				refused(res, 400);
				assert.equal(res.body.errorType, 'error-bio-size-exceeded');
			},
		},
		{
			endpoint: 'users.regeneratePersonalAccessToken',
			title: 'without create-personal-access-tokens: not-authorized, before the token is looked up',
			// Upstream's "unsuccessful cases" `it('/users.regeneratePersonalAccessToken')`; the other three are in tokens.ts.
			source: e2e('/users.regeneratePersonalAccessToken'),
			async run(ctx) {
				await ctx.control.setPermission('create-personal-access-tokens', ['admin']);
				try {
					const res = await ctx.client.call('POST', 'users.regeneratePersonalAccessToken', { as: sharedUser(ctx, 'self'), body: { tokenName: 'no-such-token' }, twoFactor: true });
					ruleRefused(ctx, res, 'not-authorized');
				} finally {
					await ctx.control.resetPermission('create-personal-access-tokens');
				}
			},
		},
	],
};
