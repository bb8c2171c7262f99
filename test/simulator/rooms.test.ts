/**
 * The room, team and invite routes (simulator/routes/rooms.ts): the refusals the conformance cases do not reach,
 * as the server's createRoom, addRoomOwner / removeRoomOwner, eraseRoom, saveRoomSettings, teams.delete,
 * findOrCreateInvite / validateInviteToken / removeInvite give them, and default channels on users.create.
 */
import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

describe('simulator: rooms, teams and invites', () => {
	let sim: Simulator;
	beforeEach(async () => {
		// 8.9.2: the 8.x refusal codes (400 error-not-allowed, not_authorized; 9.0 answers 403 error-forbidden, auth.test.ts)
		// and users.create before its 2FA gate (versions.test.ts).
		sim = await startSimulator({ users: 5, now: FIXED_NOW, serverVersion: '8.9.2' });
	});
	afterEach(() => sim.close());

	const plainUser = () => sim.addUser({ username: `member.${sim.state.users.length}`, roles: ['user'] });
	const createChannel = async (name: string, members: string[] = [], as = sim.admin) => {
		const res = await call(sim, 'POST', 'channels.create', { as, body: { name, members } });
		expect(res.status).toBe(200);
		return res.body.channel as { _id: string; u: { _id: string }; usersCount: number };
	};

	it('channels.create: the creator owns the room, the members that exist join, names are unique and valid', async () => {
		const member = plainUser();
		const channel = await createChannel('project-x', [member.username, 'nobody.here']);
		expect(channel).toMatchObject({ u: { _id: sim.admin.userId }, usersCount: 2 });
		const roles = await call(sim, 'GET', 'channels.roles', { as: sim.admin, query: { roomId: channel._id } });
		expect(roles.body.roles.map((r: { u: { _id: string }; roles: string[] }) => [r.u._id, r.roles])).toEqual([[sim.admin.userId, ['owner']]]);

		const again = await call(sim, 'POST', 'groups.create', { as: sim.admin, body: { name: 'project-x' } });
		expect(again.body).toMatchObject({ success: false, errorType: 'error-duplicate-channel-name' });
		const invalid = await call(sim, 'POST', 'channels.create', { as: sim.admin, body: { name: 'no spaces' } });
		expect(invalid.body.errorType).toBe('error-invalid-room-name');
		const nameless = await call(sim, 'POST', 'channels.create', { as: sim.admin, body: {} });
		expect(nameless.body).toEqual({ success: false, error: 'Param "name" is required' });
	});

	it('channels.create without create-c is forbidden (API.v1.forbidden(): "unauthorized" until the 9.0 error switch)', async () => {
		sim.state.permissions['create-c'] = ['admin'];
		const res = await call(sim, 'POST', 'channels.create', { as: plainUser(), body: { name: 'not-mine' } });
		expect(res.status).toBe(403);
		expect(res.body).toEqual({ success: false, error: 'unauthorized' });
	});

	it('addOwner / removeOwner: set-owner in the room, members only, never the last owner', async () => {
		const member = plainUser();
		const outsider = plainUser();
		const channel = await createChannel('owners', [member.username]);
		const owner = (userId: string, action: 'addOwner' | 'removeOwner', as: { userId: string; authToken: string } = sim.admin) =>
			call(sim, 'POST', `channels.${action}`, { as, body: { roomId: channel._id, userId } });

		expect((await owner(sim.admin.userId, 'removeOwner')).body.errorType).toBe('error-remove-last-owner');
		expect((await owner(outsider.userId, 'addOwner')).body.errorType).toBe('error-user-not-in-room');
		expect((await owner(member.userId, 'addOwner', member)).body.errorType).toBe('error-not-allowed');
		expect((await owner(member.userId, 'addOwner')).status).toBe(200);
		expect((await owner(member.userId, 'addOwner')).body.errorType).toBe('error-user-already-owner');
		// As an owner of the room the member now holds set-owner there.
		expect((await owner(sim.admin.userId, 'removeOwner', member)).status).toBe(200);
		expect((await owner(sim.admin.userId, 'removeOwner', member)).body.errorType).toBe('error-user-not-owner');
	});

	it('channels.invite needs membership with add-user-to-joined-room or add-user-to-any-c-room; channels.join needs view-c-room', async () => {
		const member = plainUser();
		const outsider = plainUser();
		const channel = await createChannel('invites', [member.username]);
		const invited = plainUser();
		const byOutsider = await call(sim, 'POST', 'channels.invite', { as: outsider, body: { roomId: channel._id, userId: invited.userId } });
		expect(byOutsider.body).toMatchObject({ success: false, errorType: 'error-not-allowed' });
		const byMember = await call(sim, 'POST', 'channels.invite', { as: member, body: { roomId: channel._id, userId: invited.userId } });
		expect(byMember.body.errorType).toBe('error-not-allowed'); // a plain member lacks add-user-to-joined-room
		expect((await call(sim, 'POST', 'channels.invite', { as: sim.admin, body: { roomId: channel._id, userId: invited.userId } })).body.channel.usersCount).toBe(3);

		// Nobody holds add-user-to-any-p-room by default: not even the administrator adds to a group it is not in.
		const group = (await call(sim, 'POST', 'groups.create', { as: member, body: { name: 'members-only' } })).body.group;
		const intoGroup = await call(sim, 'POST', 'groups.invite', { as: sim.admin, body: { roomId: group._id, userId: invited.userId } });
		expect(intoGroup.body.errorType).toBe('error-not-allowed');

		sim.state.permissions['view-c-room'] = ['admin'];
		const join = await call(sim, 'POST', 'channels.join', { as: outsider, body: { roomId: channel._id } });
		expect(join.body.errorType).toBe('error-not-allowed');
		const unknown = await call(sim, 'POST', 'channels.join', { as: outsider, body: { roomId: 'no-such-room' } });
		expect(unknown.body.errorType).toBe('error-room-not-found');
	});

	it('channels.delete / groups.delete: delete-c / delete-p in the room; a group is found only by its members', async () => {
		const member = plainUser();
		const channel = await createChannel('doomed', [member.username]);
		expect((await call(sim, 'POST', 'channels.delete', { as: member, body: { roomId: channel._id } })).body.errorType).toBe('error-not-allowed');
		expect((await call(sim, 'POST', 'channels.delete', { as: sim.admin, body: { roomId: channel._id } })).status).toBe(200);
		expect(sim.state.roomById(channel._id)).toBeUndefined();

		const group = (await call(sim, 'POST', 'groups.create', { as: member, body: { name: 'private-one' } })).body.group;
		const byAdmin = await call(sim, 'POST', 'groups.delete', { as: sim.admin, body: { roomId: group._id } });
		expect(byAdmin.body.errorType).toBe('error-room-not-found');
		expect((await call(sim, 'POST', 'groups.delete', { as: member, body: { roomId: group._id } })).status).toBe(200);
	});

	it('rooms.saveRoomSettings: edit-room for the room, view-room-administration for default and favorite', async () => {
		const member = plainUser();
		const group = (await call(sim, 'POST', 'groups.create', { as: member, body: { name: 'owned-by-member' } })).body.group;
		const asOwner = await call(sim, 'POST', 'rooms.saveRoomSettings', { as: member, body: { rid: group._id, default: true } });
		expect(asOwner.body).toMatchObject({ success: false, error: 'Viewing room administration is not allowed [error-action-not-allowed]' });
		const stranger = await call(sim, 'POST', 'rooms.saveRoomSettings', { as: plainUser(), body: { rid: group._id, default: true } });
		expect(stranger.body.error).toBe('Editing room is not allowed [error-action-not-allowed]');
		const asAdmin = await call(sim, 'POST', 'rooms.saveRoomSettings', { as: sim.admin, body: { rid: group._id, default: true, favorite: { favorite: true, defaultValue: true } } });
		expect(asAdmin.body).toEqual({ rid: group._id, success: true });

		// users.create joins default rooms (with the favourite flag) unless joinDefaultChannels is false.
		const create = (username: string, joinDefaultChannels?: boolean) =>
			call(sim, 'POST', 'users.create', { as: sim.admin, body: { username, name: username, email: `${username}@example.com`, password: 'Secret-123!', joinDefaultChannels } });
		const joined = (await create('joins.defaults')).body.user;
		const skipped = (await create('skips.defaults', false)).body.user;
		expect(sim.state.roomById(group._id)?.members).toEqual([member.userId, joined._id]);
		expect(sim.state.subscriptionExtras.get(`${group._id}${joined._id}`)?.favorite).toBe(true);
		expect(sim.state.roomById(group._id)?.members).not.toContain(skipped._id);
	});

	it('teams: create makes the main room, updateRoom marks auto-join rooms, delete moves the other rooms back', async () => {
		const created = await call(sim, 'POST', 'teams.create', { as: sim.admin, body: { name: 'platform', type: 0 } });
		const team = created.body.team as { _id: string; roomId: string };
		expect(sim.state.roomById(team.roomId)).toMatchObject({ teamMain: true, teamId: team._id, owners: [sim.admin.userId] });
		expect((await call(sim, 'POST', 'teams.create', { as: sim.admin, body: { name: 'platform', type: 0 } })).body.error).toBe('team-name-already-exists');

		const group = (await call(sim, 'POST', 'groups.create', { as: sim.admin, body: { name: 'platform-ops', extraData: { teamId: team._id } } })).body.group;
		expect((await call(sim, 'POST', 'teams.updateRoom', { as: plainUser(), body: { roomId: group._id, isDefault: true } })).status).toBe(401);
		expect((await call(sim, 'POST', 'teams.updateRoom', { as: sim.admin, body: { roomId: group._id, isDefault: true } })).body.room.teamDefault).toBe(true);

		expect((await call(sim, 'POST', 'teams.delete', { as: sim.admin, body: { teamName: 'platform' } })).status).toBe(200);
		expect(sim.state.teams.some((t) => t._id === team._id)).toBe(false);
		expect(sim.state.roomById(team.roomId)).toBeUndefined();
		const kept = sim.state.roomById(group._id);
		expect([kept?.teamId, kept?.teamDefault]).toEqual([undefined, undefined]);
		expect((await call(sim, 'POST', 'teams.delete', { as: sim.admin, body: { teamName: 'platform' } })).body.error).toBe('team-does-not-exist');
	});

	it('invites: valid days and uses, the same invite again, use counted once per new member, expiry by uses, removeInvite', async () => {
		const group = (await call(sim, 'POST', 'groups.create', { as: sim.admin, body: { name: 'invite-only' } })).body.group;
		const invite = (body: Record<string, unknown>) => call(sim, 'POST', 'findOrCreateInvite', { as: sim.admin, body: { rid: group._id, ...body } });
		expect((await invite({ days: 3, maxUses: 0 })).body.errorType).toBe('invalid-number-of-days');
		expect((await invite({ days: 0, maxUses: 2 })).body.errorType).toBe('invalid-number-of-uses');
		const once = (await invite({ days: 1, maxUses: 1 })).body;
		expect(once).toMatchObject({ rid: group._id, days: 1, maxUses: 1, uses: 0, userId: sim.admin.userId });
		expect((await invite({ days: 1, maxUses: 1 })).body._id).toBe(once._id);
		expect((await call(sim, 'POST', 'findOrCreateInvite', { as: plainUser(), body: { rid: group._id, days: 1, maxUses: 1 } })).body.errorType).toBe('not_authorized');

		const first = plainUser();
		const use = (as: { userId: string; authToken: string }, token: string) => call(sim, 'POST', 'useInviteToken', { as, body: { token } });
		expect((await use(first, once._id)).body).toEqual({ room: { rid: group._id, fname: 'invite-only', name: 'invite-only', t: 'p' }, success: true });
		expect(sim.state.userById(first.userId)?.inviteToken).toBe(once._id);
		expect((await use(first, once._id)).body.errorType).toBe('error-invite-expired');
		expect((await use(plainUser(), 'no-such-token')).body).toMatchObject({ error: 'The invite token is invalid. [error-invalid-token]' });

		expect((await call(sim, 'DELETE', `removeInvite/${once._id}`, { as: first })).body.errorType).toBe('not_authorized');
		const removed = await call(sim, 'DELETE', `removeInvite/${once._id}`, { as: sim.admin });
		expect([removed.status, removed.body]).toEqual([200, true]);
		expect((await call(sim, 'DELETE', `removeInvite/${once._id}`, { as: sim.admin })).body.errorType).toBe('invalid-invitation-id');
	});

	it('subscriptions.getOne: the caller’s subscription or null; roomId is required and not empty', async () => {
		const member = plainUser();
		const channel = await createChannel('subs', [member.username]);
		const mine = await call(sim, 'GET', 'subscriptions.getOne', { as: member, query: { roomId: channel._id } });
		expect(mine.body.subscription).toMatchObject({ rid: channel._id, u: { _id: member.userId }, t: 'c', open: true });
		expect(mine.body.subscription.roles).toBeUndefined();
		expect((await call(sim, 'GET', 'subscriptions.getOne', { as: plainUser(), query: { roomId: channel._id } })).body).toEqual({ subscription: null, success: true });
		expect((await call(sim, 'GET', 'subscriptions.getOne', { as: member })).body.errorType).toBe('invalid-params');
		expect((await call(sim, 'GET', 'subscriptions.getOne', { as: member, query: { roomId: '' } })).body.error).toBe("The 'roomId' param is required");
	});
});
