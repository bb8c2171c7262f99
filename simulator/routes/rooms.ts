/**
 * The room, team and invite routes the conformance suite sets its account cases up with, minimal but with the
 * server's permission checks and errors: channels.* / groups.* (apps/meteor/app/api/server/v1/channels.ts,
 * groups.ts), rooms.saveRoomSettings, subscriptions.getOne, teams.create / teams.updateRoom / teams.delete and
 * findOrCreateInvite / useInviteToken / removeInvite (v1/invites.ts with app/invites/server/functions/*).
 */
import { MeteorError, failure, forbidden, unauthorized } from '../errors';
import { first } from '../query';
import type { SimState } from '../state';
import type { SimInvite, SimRoom, SimTeam, SimUser } from '../types';
import { authed, can, getUserFromParams, ok, str, type AuthedContext, type RouteContext, type RouteDef } from './common';

/** UTF8_Channel_Names_Validation's default. */
const ROOM_NAME_RE = /^[0-9a-zA-Z-_.]+$/;
/** findOrCreateInvite: the only expiry and use counts the server accepts. */
const INVITE_DAYS = [0, 1, 7, 15, 30];
const INVITE_USES = [0, 1, 5, 10, 25, 50, 100];

/** hasPermission(userId, permission, rid): global roles plus the roles the user holds in that room. */
export function canInRoom(ctx: RouteContext, permission: string, room: SimRoom | undefined): boolean {
	const user = ctx.user;
	if (!user) return false;
	const roomRoles = room?.owners.includes(user._id) ? ['owner'] : [];
	return ctx.state.hasPermission([...user.roles, ...roomRoles], permission);
}

function roomParams(params: Record<string, unknown>): { roomId?: string; roomName?: string } {
	return { roomId: str(params.roomId), roomName: str(params.roomName) };
}

function findRoom(state: SimState, params: Record<string, unknown>): SimRoom | undefined {
	const { roomId, roomName } = roomParams(params);
	if (roomId !== undefined) return state.roomById(roomId);
	if (roomName !== undefined) return state.roomByName(roomName);
	return undefined;
}

/** findChannelByIdOrName */
function findChannel(state: SimState, params: Record<string, unknown>): SimRoom {
	const room = findRoom(state, params);
	if (!room || room.t !== 'c') throw new MeteorError('error-room-not-found', 'The required "roomId" or "roomName" param provided does not match any channel');
	return room;
}

/** findPrivateGroupByIdOrName: a group the caller is in. */
function findGroup(ctx: AuthedContext, params: Record<string, unknown>): SimRoom {
	const room = findRoom(ctx.state, params);
	if (!room || room.t !== 'p' || !room.members.includes(ctx.user._id)) {
		throw new MeteorError('error-room-not-found', 'The required "roomId" or "roomName" param provided does not match any group');
	}
	return room;
}

/** The room document the routes answer with (Rooms.findOneById without the excluded fields). */
function roomDocument(room: SimRoom): Record<string, unknown> {
	return {
		_id: room._id,
		fname: room.fname ?? room.name,
		name: room.name,
		t: room.t,
		msgs: 0,
		usersCount: room.members.length,
		...(room.createdBy ? { u: { ...room.createdBy } } : {}),
		customFields: {},
		ts: room.createdAt,
		ro: false,
		default: room.default === true,
		sysMes: true,
		_updatedAt: room._updatedAt ?? room.createdAt,
		...(room.teamId ? { teamId: room.teamId } : {}),
		...(room.teamMain ? { teamMain: true } : {}),
		...(room.teamDefault ? { teamDefault: true } : {}),
		...(room.favorite ? { favorite: true } : {}),
	};
}

/** The subscription of a member (Subscriptions.createWithRoomAndUser plus its room roles). */
function subscriptionDocument(state: SimState, room: SimRoom, user: SimUser): Record<string, unknown> {
	const extra = state.subscriptionExtras.get(`${room._id}${user._id}`);
	const ts = extra?.ts ?? room.createdAt;
	return {
		_id: `${room._id}${user._id}`,
		rid: room._id,
		name: room.name,
		fname: room.fname ?? room.name,
		t: room.t,
		u: { _id: user._id, username: user.username, name: user.name },
		ts,
		ls: ts,
		open: true,
		alert: false,
		unread: 0,
		userMentions: 0,
		groupMentions: 0,
		...(room.owners.includes(user._id) ? { roles: ['owner'] } : {}),
		...(extra?.favorite ? { f: true } : {}),
		_updatedAt: ts,
	};
}

/** createRoom: the name checked, the creator a member and owner, then the members that exist. */
function createRoom(ctx: AuthedContext, t: 'c' | 'p', name: string, memberNames: string[], extra: { teamId?: string; teamMain?: boolean }): SimRoom {
	const { state, user } = ctx;
	if (!ROOM_NAME_RE.test(name)) throw new MeteorError('error-invalid-room-name', `${name} is not a valid room name`, { method: 'createRoom', room_name: name });
	if (state.roomByName(name)) throw new MeteorError('error-duplicate-channel-name', `A channel with name '${name}' exists`, { method: 'createRoom', channel_name: name });
	const now = state.now();
	const room: SimRoom = {
		_id: state.rng.id(),
		name,
		t,
		owners: [user._id],
		members: [],
		teamId: extra.teamId,
		teamMain: extra.teamMain,
		createdBy: { _id: user._id, username: user.username },
		createdAt: now,
		_updatedAt: now,
	};
	state.rooms.push(room);
	state.joinRoom(room, user._id);
	for (const username of memberNames) {
		const member = state.userByUsername(username);
		if (member) state.joinRoom(room, member._id);
	}
	return room;
}

/** The team a room belongs to, through room.teamId. */
function teamOf(state: SimState, room: SimRoom): SimTeam | undefined {
	return room.teamId ? state.teams.find((t) => t._id === room.teamId) : undefined;
}

/** channels.create / groups.create: the create-c / create-p (or create-team-channel / -group) check, then the name. */
function createRoute(t: 'c' | 'p'): RouteDef {
	const endpoint = t === 'c' ? 'channels.create' : 'groups.create';
	return {
		method: 'POST',
		path: `/api/v1/${endpoint}`,
		auth: 'required',
		handler: (ctx) => {
			const actx = authed(ctx);
			const { body, state } = actx;
			const extraData = (body.extraData && typeof body.extraData === 'object' ? body.extraData : {}) as Record<string, unknown>;
			const teamId = str(extraData.teamId);
			const team = teamId ? state.teams.find((x) => x._id === teamId) : undefined;
			const teamRoom = team ? state.roomById(team.roomId) : undefined;
			const allowed = teamId ? !team || canInRoom(ctx, t === 'c' ? 'create-team-channel' : 'create-team-group', teamRoom) : can(ctx, t === 'c' ? 'create-c' : 'create-p');
			if (!allowed) throw forbidden(ctx.version);
			// createChannelValidator says `Param`, groups.create `Body param`.
			const param = t === 'c' ? 'Param' : 'Body param';
			const name = str(body.name);
			if (!name) throw failure(`${param} "name" is required`);
			if (body.members !== undefined && !Array.isArray(body.members)) throw failure(`${param} "members" must be an array if provided`);
			const members = ((body.members as unknown[] | undefined) ?? []).filter((m): m is string => typeof m === 'string');
			const room = createRoom(actx, t, name, members, { teamId: team?._id });
			return ok({ [t === 'c' ? 'channel' : 'group']: roomDocument(room) });
		},
	};
}

/** eraseRoom: delete-c / delete-p in the room; a team's main room takes its team along. */
function eraseRoom(ctx: RouteContext, room: SimRoom): void {
	if (!canInRoom(ctx, room.t === 'c' ? 'delete-c' : 'delete-p', room)) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'eraseRoom' });
	ctx.state.removeRoom(room._id);
}

/** addRoomOwner / removeRoomOwner */
function changeOwner(ctx: RouteContext, room: SimRoom, user: SimUser, add: boolean): void {
	const method = add ? 'addRoomOwner' : 'removeRoomOwner';
	if (!canInRoom(ctx, 'set-owner', room)) throw new MeteorError('error-not-allowed', 'Not allowed', { method });
	if (!room.members.includes(user._id)) {
		if (add) throw new MeteorError('error-user-not-in-room', 'User is not in this room', { method });
		throw new MeteorError('error-invalid-room', 'Invalid room', { method });
	}
	const isOwner = room.owners.includes(user._id);
	if (add) {
		if (isOwner) throw new MeteorError('error-user-already-owner', 'User is already an owner', { method });
		room.owners = [...room.owners, user._id];
	} else {
		if (!isOwner) throw new MeteorError('error-user-not-owner', 'User is not an owner', { method });
		if (room.owners.length === 1) throw new MeteorError('error-remove-last-owner', 'This is the last owner. Please set a new owner before removing this one.', { method });
		room.owners = room.owners.filter((id) => id !== user._id);
	}
	// A team's main room mirrors the owner role into the team membership.
	const team = room.teamMain ? teamOf(ctx.state, room) : undefined;
	const member = team?.members.find((m) => m.userId === user._id);
	if (member) member.roles = add ? [...new Set([...member.roles, 'owner'])] : member.roles.filter((r) => r !== 'owner');
	room._updatedAt = ctx.state.now();
	ctx.state.touch();
}

/** addUsersToRoom: members may add with add-user-to-joined-room, anyone with add-user-to-any-c/p-room. */
function addUsers(ctx: AuthedContext, room: SimRoom, users: SimUser[]): void {
	const joined = room.members.includes(ctx.user._id);
	const allowed =
		(joined && canInRoom(ctx, 'add-user-to-joined-room', room)) ||
		(room.t === 'c' && can(ctx, 'add-user-to-any-c-room')) ||
		(room.t === 'p' && can(ctx, 'add-user-to-any-p-room'));
	if (!allowed) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'addUsersToRoom' });
	for (const user of users) ctx.state.joinRoom(room, user._id);
}

/** getRoomRoles: the members holding a room role, by username. */
function roomRoles(state: SimState, room: SimRoom): Array<Record<string, unknown>> {
	return room.owners
		.map((id) => state.userById(id))
		.filter((u): u is SimUser => u !== undefined)
		.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
		.map((u) => ({ _id: `${room._id}${u._id}`, rid: room._id, u: { _id: u._id, username: u.username, name: u.name }, roles: ['owner'] }));
}

function inviteDocument(ctx: RouteContext, invite: SimInvite): Record<string, unknown> {
	const host = encodeURIComponent(ctx.baseUrl.replace(/^https?:\/\//, ''));
	// Accounts_Registration_InviteUrlType 'proxy' (the default): a go.rocket.chat link.
	return { ...invite, url: `https://go.rocket.chat/invite?host=${host}&path=invite%2F${invite._id}` };
}

/** validateInviteToken */
function validInvite(state: SimState, token: unknown): { invite: SimInvite; room: SimRoom } {
	const invalid = () => new MeteorError('error-invalid-token', 'The invite token is invalid.', { method: 'validateInviteToken', field: 'token' });
	if (typeof token !== 'string' || !token) throw invalid();
	const invite = state.invites.find((i) => i._id === token);
	if (!invite) throw invalid();
	const room = state.roomById(invite.rid);
	if (!room) throw new MeteorError('error-invalid-room', 'The invite token is invalid.', { method: 'validateInviteToken', field: 'rid' });
	if (invite.expires && invite.expires.getTime() <= state.nowMs()) throw new MeteorError('error-invite-expired', 'The invite token has expired.', { method: 'validateInviteToken', field: 'expires' });
	if (invite.maxUses > 0 && invite.uses >= invite.maxUses) throw new MeteorError('error-invite-expired', 'The invite token has expired.', { method: 'validateInviteToken', field: 'maxUses' });
	return { invite, room };
}

export const roomRoutes: RouteDef[] = [
	createRoute('c'),
	createRoute('p'),
	{
		method: 'POST',
		path: '/api/v1/channels.invite',
		auth: 'required',
		handler: (ctx) => {
			const actx = authed(ctx);
			const room = findChannel(ctx.state, ctx.body);
			addUsers(actx, room, [getUserFromParams(ctx, ctx.body)]);
			return ok({ channel: roomDocument(room) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/groups.invite',
		auth: 'required',
		handler: (ctx) => {
			const actx = authed(ctx);
			// groups.invite finds the group by id or name without asking for membership; addUsersToRoom decides.
			const room = findRoom(ctx.state, ctx.body);
			if (!room || room.t !== 'p') throw new MeteorError('error-room-not-found', 'The required "roomId" or "roomName" param provided does not match any group');
			addUsers(actx, room, [getUserFromParams(ctx, ctx.body)]);
			return ok({ group: roomDocument(room) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/channels.join',
		auth: 'required',
		handler: (ctx) => {
			const { user } = authed(ctx);
			const room = findChannel(ctx.state, ctx.body);
			// Room.join: canAccessRoom, which for a public channel is view-c-room.
			if (!can(ctx, 'view-c-room')) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'joinRoom' });
			ctx.state.joinRoom(room, user._id);
			return ok({ channel: roomDocument(room) });
		},
	},
	...(['addOwner', 'removeOwner'] as const).flatMap((action): RouteDef[] =>
		(['channels', 'groups'] as const).map((prefix) => ({
			method: 'POST',
			path: `/api/v1/${prefix}.${action}`,
			auth: 'required',
			handler: (ctx) => {
				const room = prefix === 'channels' ? findChannel(ctx.state, ctx.body) : findGroup(authed(ctx), ctx.body);
				changeOwner(ctx, room, getUserFromParams(ctx, ctx.body), action === 'addOwner');
				return ok();
			},
		})),
	),
	{
		method: 'GET',
		path: '/api/v1/channels.roles',
		auth: 'required',
		handler: (ctx) => {
			const { user } = authed(ctx);
			const room = findChannel(ctx.state, ctx.query);
			// getRoomRoles: canAccessRoom, which for a public channel is view-c-room or membership.
			if (!room.members.includes(user._id) && !can(ctx, 'view-c-room')) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'getRoomRoles' });
			return ok({ roles: roomRoles(ctx.state, room) });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/groups.roles',
		auth: 'required',
		handler: (ctx) => ok({ roles: roomRoles(ctx.state, findGroup(authed(ctx), ctx.query)) }),
	},
	{
		method: 'POST',
		path: '/api/v1/channels.delete',
		auth: 'required',
		handler: (ctx) => {
			eraseRoom(ctx, findChannel(ctx.state, ctx.body));
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/groups.delete',
		auth: 'required',
		handler: (ctx) => {
			eraseRoom(ctx, findGroup(authed(ctx), ctx.body));
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/rooms.saveRoomSettings',
		auth: 'required',
		handler: (ctx) => {
			const { state, body } = ctx;
			const rid = str(body.rid);
			const room = rid ? state.roomById(rid) : undefined;
			if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'saveRoomSettings' });
			if (!canInRoom(ctx, 'edit-room', room)) throw new MeteorError('error-action-not-allowed', 'Editing room is not allowed', { method: 'saveRoomSettings', action: 'Editing_room' });
			// The `default` and `favorite` validators both ask for view-room-administration.
			if ((body.default !== undefined || body.favorite !== undefined) && !can(ctx, 'view-room-administration')) {
				throw new MeteorError('error-action-not-allowed', 'Viewing room administration is not allowed', { method: 'saveRoomSettings', action: 'Viewing_room_administration' });
			}
			if (body.default !== undefined) room.default = body.default === true || body.default === 'true';
			if (body.favorite && typeof body.favorite === 'object') {
				const { favorite, defaultValue } = body.favorite as { favorite?: unknown; defaultValue?: unknown };
				// Rooms.saveFavoriteById keeps the flag only when both are set.
				room.favorite = favorite === true && defaultValue === true;
			}
			room._updatedAt = state.now();
			state.touch();
			return ok({ rid: room._id });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/subscriptions.getOne',
		auth: 'required',
		validate: (ctx) => (first(ctx.query, 'roomId') === undefined ? ["must have required property 'roomId'"] : []),
		handler: (ctx) => {
			const { user } = authed(ctx);
			const roomId = first(ctx.query, 'roomId');
			if (!roomId) throw failure("The 'roomId' param is required");
			const room = ctx.state.roomById(roomId);
			return ok({ subscription: room?.members.includes(user._id) ? subscriptionDocument(ctx.state, room, user) : null });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/teams.create',
		auth: 'required',
		handler: (ctx) => {
			const actx = authed(ctx);
			const { state, body } = actx;
			if (!can(ctx, 'create-team')) throw unauthorized();
			const name = body.name;
			if (typeof name !== 'string' || (body.type !== 0 && body.type !== 1)) throw failure('Match error: Failed Match.ObjectIncluding validation');
			// TeamService.create: a name taken by a user, team or room is refused before anything is made.
			if (state.userByUsername(name) || state.teams.some((t) => t.name === name)) throw failure('team-name-already-exists');
			if (state.roomByName(name)) throw failure('room-name-already-exists');
			const memberIds = Array.isArray(body.members) ? body.members.filter((m): m is string => typeof m === 'string') : [];
			const teamId = state.rng.id();
			const members = memberIds.map((id) => state.userById(id)?.username).filter((u): u is string => u !== undefined);
			const room = createRoom(actx, body.type === 1 ? 'p' : 'c', name, members, { teamId, teamMain: true });
			const now = state.now();
			const team: SimTeam = {
				_id: teamId,
				name,
				type: body.type,
				createdAt: now,
				_updatedAt: now,
				createdBy: { _id: actx.user._id, username: actx.user.username },
				roomId: room._id,
				members: room.members.map((userId) => ({ userId, roles: userId === actx.user._id ? ['owner'] : ['member'] })),
			};
			state.teams.push(team);
			state.touch();
			const { members: _members, ...teamDoc } = team;
			return ok({ team: teamDoc });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/teams.updateRoom',
		auth: 'required',
		handler: (ctx) => {
			const { state, body } = ctx;
			const roomId = str(body.roomId);
			if (!roomId || typeof body.isDefault !== 'boolean') throw failure('Match error: Failed Match.ObjectIncluding validation');
			const room = state.roomById(roomId);
			const team = room ? teamOf(state, room) : undefined;
			if (!room || !team) throw failure('team-does-not-exist');
			if (!canInRoom(ctx, 'edit-team-channel', state.roomById(team.roomId))) throw unauthorized();
			room.teamDefault = body.isDefault;
			room._updatedAt = state.now();
			state.touch();
			return ok({ room: roomDocument(room) });
		},
	},
	{
		method: 'POST',
		path: '/api/v1/teams.delete',
		auth: 'required',
		handler: (ctx) => {
			const { state, body } = ctx;
			const teamId = str(body.teamId);
			const teamName = str(body.teamName);
			const team = teamId ? state.teams.find((t) => t._id === teamId) : teamName ? state.teams.find((t) => t.name === teamName) : undefined;
			if (!team) throw failure('team-does-not-exist');
			if (!canInRoom(ctx, 'delete-team', state.roomById(team.roomId))) throw unauthorized();
			const toRemove = Array.isArray(body.roomsToRemove) ? body.roomsToRemove : [];
			for (const room of state.rooms.filter((r) => r.teamId === team._id && !r.teamMain && toRemove.includes(r._id))) eraseRoom(ctx, room);
			// Every other team room moves back to the workspace.
			for (const room of state.rooms) {
				if (room.teamId === team._id && !room.teamMain) {
					room.teamId = undefined;
					room.teamDefault = undefined;
				}
			}
			state.removeRoom(team.roomId);
			state.teams = state.teams.filter((t) => t._id !== team._id);
			state.touch();
			return ok();
		},
	},
	{
		method: 'POST',
		path: '/api/v1/findOrCreateInvite',
		auth: 'required',
		handler: (ctx) => {
			const { user } = authed(ctx);
			const { state, body } = ctx;
			const rid = str(body.rid);
			if (!rid) throw new MeteorError('error-the-field-is-required', 'The field rid is required', { method: 'findOrCreateInvite', field: 'rid' });
			const room = state.roomById(rid);
			if (!canInRoom(ctx, 'create-invite-links', room)) throw new MeteorError('not_authorized');
			if (!room || !room.members.includes(user._id)) throw new MeteorError('error-invalid-room', 'The rid field is invalid', { method: 'findOrCreateInvite', field: 'rid' });
			const days = typeof body.days === 'number' ? body.days : 1;
			const maxUses = typeof body.maxUses === 'number' ? body.maxUses : 0;
			if (!INVITE_DAYS.includes(days)) throw new MeteorError('invalid-number-of-days', 'Invite should expire in 1, 7, 15 or 30 days, or send 0 to never expire.');
			if (!INVITE_USES.includes(maxUses)) throw new MeteorError('invalid-number-of-uses', 'Invite should be valid for 1, 5, 10, 25, 50, 100 or infinite (0) uses.');
			const now = state.now();
			const existing = state.invites.find(
				(i) => i.userId === user._id && i.rid === rid && i.maxUses === maxUses && i.days === days && (!i.expires || i.expires.getTime() > now.getTime()),
			);
			if (existing) return ok(inviteDocument(ctx, existing));
			let expires: Date | null = null;
			if (days > 0) {
				expires = new Date(now);
				expires.setDate(expires.getDate() + days);
			}
			const invite: SimInvite = { _id: state.rng.hex(8), rid, userId: user._id, createdAt: now, _updatedAt: now, expires, days, maxUses, uses: 0 };
			state.invites.push(invite);
			return ok(inviteDocument(ctx, invite));
		},
	},
	{
		method: 'POST',
		path: '/api/v1/useInviteToken',
		auth: 'required',
		validate: (ctx) => (typeof ctx.body.token === 'string' ? [] : ["must have required property 'token'"]),
		handler: (ctx) => {
			const { user } = authed(ctx);
			const { state } = ctx;
			const { invite, room } = validInvite(state, ctx.body.token);
			user.inviteToken = invite._id;
			if (!room.members.includes(user._id)) invite.uses++;
			state.joinRoom(room, user._id);
			return ok({ room: { rid: room._id, fname: room.fname ?? room.name, name: room.name, t: room.t } });
		},
	},
	{
		method: 'DELETE',
		path: '/api/v1/removeInvite/:_id',
		auth: 'required',
		handler: (ctx) => {
			if (!can(ctx, 'create-invite-links')) throw new MeteorError('not_authorized');
			const invite = ctx.state.invites.find((i) => i._id === ctx.params._id);
			if (!invite) throw new MeteorError('invalid-invitation-id', 'Invalid Invitation _id', { method: 'removeInvite' });
			ctx.state.invites = ctx.state.invites.filter((i) => i !== invite);
			// API.v1.success(true): the answer is the bare `true`.
			return { status: 200, body: true };
		},
	},
];
