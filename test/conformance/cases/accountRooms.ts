/**
 * Account cases that need rooms, teams or invites: the "last owner" cases of users.delete,
 * users.deleteOwnAccount and users.setActiveStatus, users.create's "auto join default channels", users.list's
 * inviteToken cases and users.autocomplete among room mates. Each follows one `it` of
 * apps/meteor/tests/end-to-end/api/users.ts; the rooms are made through Rocket.Chat's own routes
 * (lib/control.ts), named with the suite's prefix and deleted afterwards.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { refused, succeeded } from '../lib/assert';
import { GATED_ON_NEWER_RELEASES, type Actor, type Answer, type CallOptions } from '../lib/client';
import type { TestRoom, TestTeam, TestUser } from '../lib/control';
import { e2e, sharedUser, type CaseContext, type CaseGroup, type ConformanceCase } from '../lib/suite';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const post = (ctx: CaseContext, path: string, body: unknown, options: CallOptions = {}) =>
	ctx.client.call('POST', path, { twoFactor: GATED_ON_NEWER_RELEASES.has(path), ...options, body });
const get = (ctx: CaseContext, path: string, query: Record<string, string | number> = {}, options: CallOptions = {}) => ctx.client.call('GET', path, { ...options, query });

async function withPermissions<T>(ctx: CaseContext, values: Record<string, string[]>, run: () => Promise<T>): Promise<T> {
	for (const [id, roles] of Object.entries(values)) await ctx.control.setPermission(id, roles);
	try {
		return await run();
	} finally {
		for (const id of Object.keys(values)) await ctx.control.resetPermission(id);
	}
}

async function withSettings<T>(ctx: CaseContext, values: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
	for (const [id, value] of Object.entries(values)) await ctx.control.setSetting(id, value);
	try {
		return await run();
	} finally {
		for (const id of Object.keys(values)) await ctx.control.resetSetting(id);
	}
}

/* ------------------------------------------------------------------ the last owner */

interface RoomRole {
	u: { _id: string };
	roles: string[];
}

const channelRoles = async (ctx: CaseContext, roomId: string): Promise<RoomRole[]> => succeeded(await get(ctx, 'channels.roles', { roomId })).body.roles as RoomRole[];

/**
 * Upstream's set-up: the administrator creates a channel with the user in it, makes the user an owner and
 * gives up its own ownership, so the user is the room's last owner while the administrator stays a member.
 * `invite` adds the channels.invite the setActiveStatus cases send first.
 */
async function lastOwnerChannel(ctx: CaseContext, owner: { userId: string; username: string }, invite = false): Promise<TestRoom> {
	const room = await ctx.control.createRoom('c', { members: [owner.username] });
	if (invite) succeeded(await post(ctx, 'channels.invite', { roomId: room._id, userId: owner.userId }));
	succeeded(await post(ctx, 'channels.addOwner', { roomId: room._id, userId: owner.userId }));
	succeeded(await post(ctx, 'channels.removeOwner', { roomId: room._id, userId: ctx.client.admin.userId }));
	return room;
}

function lastOwnerRefused(res: Answer): void {
	refused(res, 400, '[user-last-owner]');
	assert.equal(res.body.errorType, 'user-last-owner');
}

/** After the last owner left with confirmRelinquish, the administrator (the oldest other member) owns the room alone. */
async function adminOwnsAlone(ctx: CaseContext, roomId: string): Promise<void> {
	const roles = await channelRoles(ctx, roomId);
	assert.equal(roles.length, 1, JSON.stringify(roles));
	assert.deepEqual(roles[0].roles, ['owner']);
	assert.equal(roles[0].u._id, ctx.client.admin.userId);
}

const deleteLastOwnerCases: ConformanceCase[] = [
	{
		endpoint: 'users.delete',
		title: 'should return an error when trying to delete user account if the user is the last room owner',
		source: e2e('should return an error when trying to delete user account if the user is the last room owner'),
		async run(ctx) {
			const target = await ctx.control.createAccount();
			await lastOwnerChannel(ctx, target);
			lastOwnerRefused(await post(ctx, 'users.delete', { userId: target.userId }));
			succeeded(await get(ctx, 'users.info', { userId: target.userId }));
		},
	},
	{
		endpoint: 'users.delete',
		title: 'should delete user account if the user is the last room owner and `confirmRelinquish` is set to `true`',
		source: e2e('should delete user account if the user is the last room owner and `confirmRelinquish` is set to `true`'),
		async run(ctx) {
			const target = await ctx.control.createAccount();
			await lastOwnerChannel(ctx, target);
			succeeded(await post(ctx, 'users.delete', { userId: target.userId, confirmRelinquish: true }));
			ctx.control.forget(target.userId);
		},
	},
	{
		endpoint: 'users.delete',
		title: 'should assign a new owner to the room if the last room owner is deleted',
		source: e2e('should assign a new owner to the room if the last room owner is deleted'),
		async run(ctx) {
			const target = await ctx.control.createAccount();
			const room = await lastOwnerChannel(ctx, target);
			succeeded(await post(ctx, 'users.delete', { userId: target.userId, confirmRelinquish: true }));
			ctx.control.forget(target.userId);
			await adminOwnsAlone(ctx, room._id);
		},
	},
];

const deleteOwn = (ctx: CaseContext, user: TestUser, extra: Record<string, unknown> = {}) => post(ctx, 'users.deleteOwnAccount', { password: sha256(user.password), ...extra }, { as: user });

const deleteOwnLastOwnerCases: ConformanceCase[] = [
	{
		endpoint: 'users.deleteOwnAccount',
		title: 'should return an error when trying to delete user own account if user is the last room owner',
		source: e2e('should return an error when trying to delete user own account if user is the last room owner'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowDeleteOwnAccount: true }, async () => {
				const user = await ctx.control.createUser();
				await lastOwnerChannel(ctx, user);
				lastOwnerRefused(await deleteOwn(ctx, user));
				succeeded(await get(ctx, 'me', {}, { as: user }));
			}),
	},
	{
		endpoint: 'users.deleteOwnAccount',
		title: 'should delete user own account if the user is the last room owner and `confirmRelinquish` is set to `true`',
		source: e2e('should delete user own account if the user is the last room owner and `confirmRelinquish` is set to `true`'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowDeleteOwnAccount: true }, async () => {
				const user = await ctx.control.createUser();
				await lastOwnerChannel(ctx, user);
				succeeded(await deleteOwn(ctx, user, { confirmRelinquish: true }));
				ctx.control.forget(user.userId);
			}),
	},
	{
		endpoint: 'users.deleteOwnAccount',
		title: 'should assign a new owner to the room if the last room owner is deleted',
		source: e2e('should assign a new owner to the room if the last room owner is deleted'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_AllowDeleteOwnAccount: true }, async () => {
				const user = await ctx.control.createUser();
				const room = await lastOwnerChannel(ctx, user);
				succeeded(await deleteOwn(ctx, user, { confirmRelinquish: true }));
				ctx.control.forget(user.userId);
				await adminOwnsAlone(ctx, room._id);
			}),
	},
];

/** Upstream's last-owner cases of setActiveStatus run as a plain user granted both permissions. */
const OPERATOR_PERMISSIONS = { 'edit-other-user-active-status': ['admin', 'user'], 'manage-moderation-actions': ['admin', 'user'] };
const setActive = (ctx: CaseContext, userId: string, activeStatus: boolean, extra: Record<string, unknown> = {}) =>
	post(ctx, 'users.setActiveStatus', { activeStatus, userId, ...extra }, { as: sharedUser(ctx, 'operator') });

const activeStatusLastOwnerCases: ConformanceCase[] = [
	{
		endpoint: 'users.setActiveStatus',
		title: 'should return an error when trying to set other user status to inactive and the user is the last owner of a room',
		source: e2e('should return an error when trying to set other user status to inactive and the user is the last owner of a room'),
		run: (ctx) =>
			withPermissions(ctx, OPERATOR_PERMISSIONS, async () => {
				const target = await ctx.control.createAccount();
				await lastOwnerChannel(ctx, target, true);
				lastOwnerRefused(await setActive(ctx, target.userId, false));
				assert.equal(succeeded(await get(ctx, 'users.info', { userId: target.userId })).body.user.active, true);
			}),
	},
	{
		endpoint: 'users.setActiveStatus',
		title: 'should set other user status to inactive if the user is the last owner of a room and `confirmRelinquish` is set to `true`',
		source: e2e('should set other user status to inactive if the user is the last owner of a room and `confirmRelinquish` is set to `true`'),
		run: (ctx) =>
			withPermissions(ctx, OPERATOR_PERMISSIONS, async () => {
				const target = await ctx.control.createAccount();
				await lastOwnerChannel(ctx, target, true);
				assert.equal(succeeded(await setActive(ctx, target.userId, false, { confirmRelinquish: true })).body.user.active, false);
			}),
	},
	{
		endpoint: 'users.setActiveStatus',
		title: 'should set other user as room owner if the last owner of a room is deactivated and `confirmRelinquish` is set to `true`',
		source: e2e('should set other user as room owner if the last owner of a room is deactivated and `confirmRelinquish` is set to `true`'),
		run: (ctx) =>
			withPermissions(ctx, OPERATOR_PERMISSIONS, async () => {
				const target = await ctx.control.createAccount();
				// Upstream reactivates the user the case before deactivated; here it is a fresh, active account.
				succeeded(await setActive(ctx, target.userId, true));
				const room = await lastOwnerChannel(ctx, target, true);
				succeeded(await setActive(ctx, target.userId, false, { confirmRelinquish: true }));
				// The deactivated owner keeps its role; the administrator, the oldest other member, becomes an owner too.
				const roles = await channelRoles(ctx, room._id);
				assert.equal(roles.length, 2, JSON.stringify(roles));
				const creator = roles.find((r) => r.u._id === ctx.client.admin.userId);
				assert.ok(creator, JSON.stringify(roles));
				assert.deepEqual(creator.roles, ['owner']);
			}),
	},
];

export const lastOwnerGroup: CaseGroup = {
	name: 'Accounts: the last room owner (users.delete, users.deleteOwnAccount, users.setActiveStatus)',
	async setup(ctx) {
		ctx.shared.operator = await ctx.control.createUser();
	},
	cases: [...deleteLastOwnerCases, ...deleteOwnLastOwnerCases, ...activeStatusLastOwnerCases],
};

/* ------------------------------------------------------------------ users.create: auto join default channels */

const subscriptionTo = async (ctx: CaseContext, roomId: string, as: Actor): Promise<{ rid: string } | null> =>
	succeeded(await get(ctx, 'subscriptions.getOne', { roomId }, { as })).body.subscription as { rid: string } | null;

/** rooms.saveRoomSettings as upstream's setRoomConfig sends it. */
async function setRoomConfig(ctx: CaseContext, rid: string, isDefault: boolean, favorite = false): Promise<void> {
	succeeded(await post(ctx, 'rooms.saveRoomSettings', { rid, default: isDefault, favorite: favorite ? { defaultValue: true, favorite: false } : undefined }));
}

const joiner = (ctx: CaseContext) => ctx.control.createUser({ fields: { joinDefaultChannels: true } });
const team = (ctx: CaseContext) => ctx.shared.team as TestTeam;
const teamGroup = (ctx: CaseContext) => ctx.shared.group as TestRoom;

const defaultChannelCases: ConformanceCase[] = [
	{
		endpoint: 'users.create',
		title: 'should not create subscriptions to non default teams or rooms even if joinDefaultChannels is true',
		source: e2e('should not create subscriptions to non default teams or rooms even if joinDefaultChannels is true'),
		async run(ctx) {
			const user = await joiner(ctx);
			assert.equal(await subscriptionTo(ctx, team(ctx).roomId, user), null);
			assert.equal(await subscriptionTo(ctx, teamGroup(ctx)._id, user), null);
		},
	},
	{
		endpoint: 'users.create',
		title: 'should create a subscription for a default team room if joinDefaultChannels is true',
		source: e2e('should create a subscription for a default team room if joinDefaultChannels is true'),
		async run(ctx) {
			await setRoomConfig(ctx, team(ctx).roomId, true, true);
			const user = await joiner(ctx);
			ctx.shared.teamJoiner = user;
			assert.equal((await subscriptionTo(ctx, team(ctx).roomId, user))?.rid, team(ctx).roomId);
		},
	},
	{
		endpoint: 'users.create',
		title: 'should NOT create a subscription for non auto-join rooms inside a default team',
		source: e2e('should NOT create a subscription for non auto-join rooms inside a default team'),
		async run(ctx) {
			assert.equal(await subscriptionTo(ctx, teamGroup(ctx)._id, sharedUser(ctx, 'teamJoiner')), null);
		},
	},
	{
		endpoint: 'users.create',
		title: 'should create a subscription for the user in all the auto join rooms of the team',
		source: e2e('should create a subscription for the user in all the auto join rooms of the team'),
		async run(ctx) {
			succeeded(await post(ctx, 'teams.updateRoom', { roomId: teamGroup(ctx)._id, isDefault: true }));
			const user = await joiner(ctx);
			assert.equal((await subscriptionTo(ctx, teamGroup(ctx)._id, user))?.rid, teamGroup(ctx)._id);
		},
	},
	{
		endpoint: 'users.create',
		title: 'should create a subscription for a default room inside a non default team',
		source: e2e('should create a subscription for a default room inside a non default team'),
		async run(ctx) {
			await setRoomConfig(ctx, team(ctx).roomId, false);
			await setRoomConfig(ctx, teamGroup(ctx)._id, true, true);
			const user = await joiner(ctx);
			assert.equal((await subscriptionTo(ctx, teamGroup(ctx)._id, user))?.rid, teamGroup(ctx)._id);
			assert.equal(await subscriptionTo(ctx, team(ctx).roomId, user), null);
		},
	},
];

export const defaultChannelsGroup: CaseGroup = {
	name: 'Accounts: users.create joins default channels and teams',
	async setup(ctx) {
		const created = await ctx.control.createTeam(0);
		ctx.shared.team = created;
		ctx.shared.group = await ctx.control.createRoom('p', { extraData: { broadcast: false, encrypted: false, teamId: created._id, topic: '' } });
	},
	cases: defaultChannelCases,
};

/* ------------------------------------------------------------------ users.list and invites, users.autocomplete among room mates */

interface ListedUser {
	_id: string;
	inviteToken?: unknown;
}

/** users.list asked for (and sorted by) inviteToken: no user item may carry it. */
async function listWithoutInviteTokens(ctx: CaseContext, as?: Actor): Promise<void> {
	const query = { fields: JSON.stringify({ inviteToken: 1 }), sort: JSON.stringify({ inviteToken: -1 }), count: 100 };
	const users = succeeded(await get(ctx, 'users.list', query, { as })).body.users as ListedUser[];
	assert.ok(users.length > 0);
	assert.deepEqual(users.filter((u) => 'inviteToken' in u).map((u) => u._id), []);
}

async function useInvite(ctx: CaseContext, as: Actor): Promise<void> {
	const res = succeeded(await post(ctx, 'useInviteToken', { token: ctx.shared.inviteToken }, { as }));
	assert.equal(res.body.room.rid, (ctx.shared.invited as TestRoom)._id);
}

const inviteListCases: ConformanceCase[] = [
	{
		endpoint: 'users.list',
		title: 'should exclude inviteToken in the user item for privileged users',
		source: e2e('should exclude inviteToken in the user item for privileged users'),
		async run(ctx) {
			await useInvite(ctx, sharedUser(ctx, 'invitee'));
			await listWithoutInviteTokens(ctx);
		},
	},
	{
		endpoint: 'users.list',
		title: 'should exclude inviteToken in the user item for normal users',
		source: e2e('should exclude inviteToken in the user item for normal users'),
		async run(ctx) {
			const invitee = sharedUser(ctx, 'secondInvitee');
			await useInvite(ctx, invitee);
			await listWithoutInviteTokens(ctx, invitee);
		},
	},
];

const roomMateCases: ConformanceCase[] = [
	{
		endpoint: 'users.autocomplete',
		title: 'should return users that are subscribed to the same rooms as the requester',
		source: e2e('should return users that are subscribed to the same rooms as the requester'),
		run: (ctx) =>
			withPermissions(ctx, { 'view-outside-room': [] }, async () => {
				const requester = await ctx.control.createUser({ fields: { joinDefaultChannels: false } });
				const mate = await ctx.control.createUser({ fields: { joinDefaultChannels: false } });
				const room = await ctx.control.createRoom('c', { as: requester });
				succeeded(await post(ctx, 'channels.join', { roomId: room._id }, { as: mate }));
				const items = succeeded(await get(ctx, 'users.autocomplete', { selector: '{}' }, { as: requester })).body.items as Array<{ _id: string }>;
				assert.deepEqual(items.map((u) => u._id), [mate.userId]);
			}),
	},
];

export const roomListingGroup: CaseGroup = {
	name: 'Accounts: invites in users.list, room mates in users.autocomplete',
	async setup(ctx) {
		ctx.shared.invitee = await ctx.control.createUser({ fields: { joinDefaultChannels: false } });
		ctx.shared.secondInvitee = await ctx.control.createUser({ fields: { joinDefaultChannels: false } });
		const invited = await ctx.control.createRoom('p');
		ctx.shared.invited = invited;
		ctx.shared.inviteToken = await ctx.control.createInvite(invited._id);
	},
	cases: [...inviteListCases, ...roomMateCases],
};

export const ACCOUNT_ROOM_GROUPS: CaseGroup[] = [lastOwnerGroup, defaultChannelsGroup, roomListingGroup];
