import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW, twoFactorHeaders } from './helpers';

describe('user-last-owner', () => {
	let sim: Simulator;
	let owner: ReturnType<Simulator['addUser']>;
	beforeEach(async () => {
		sim = await startSimulator({ users: 0, now: FIXED_NOW });
		owner = sim.addUser({ username: 'owner' });
		const member = sim.addUser({ username: 'member' });
		sim.addRoom({ name: 'shared', owners: [owner.userId], members: [member.userId] });
		sim.addRoom({ name: 'solo', owners: [owner.userId] });
		sim.addRoom({ name: 'co-owned', owners: [owner.userId, member.userId] });
	});
	afterEach(() => sim.close());

	const lastOwnerBody = {
		success: false,
		error: '[user-last-owner]',
		errorType: 'user-last-owner',
		details: { shouldChangeOwner: ['shared'], shouldBeRemoved: ['solo'] },
	};

	it('blocks users.delete until confirmRelinquish, then hands over and removes rooms', async () => {
		const blocked = await call(sim, 'POST', 'users.delete', { as: sim.admin, body: { userId: owner.userId } });
		expect(blocked.status).toBe(400);
		expect(blocked.body).toEqual(lastOwnerBody);
		expect(sim.state.userById(owner.userId)).toBeDefined();
		const ok = await call(sim, 'POST', 'users.delete', { as: sim.admin, body: { userId: owner.userId, confirmRelinquish: true } });
		expect(ok.body).toEqual({ success: true });
		expect(sim.state.userById(owner.userId)).toBeUndefined();
		expect(sim.state.rooms.map((r) => r.name).filter((n) => ['shared', 'solo', 'co-owned'].includes(n)).sort()).toEqual(['co-owned', 'shared']);
		expect(sim.state.rooms.find((r) => r.name === 'shared')?.owners).toEqual([sim.state.userByUsername('member')?._id]);
	});

	it('blocks users.setActiveStatus(false) the same way and logs the user out when deactivated', async () => {
		const blocked = await call(sim, 'POST', 'users.setActiveStatus', { as: sim.admin, body: { userId: owner.userId, activeStatus: false } });
		expect(blocked.body).toEqual(lastOwnerBody);
		const ok = await call(sim, 'POST', 'users.setActiveStatus', { as: sim.admin, body: { userId: owner.userId, activeStatus: false, confirmRelinquish: true } });
		expect(ok.body).toEqual({ user: { _id: owner.userId, active: false }, success: true });
		expect(sim.state.userById(owner.userId)?.inactiveReason).toBe('deactivated');
		expect((await call(sim, 'GET', 'me', { as: owner })).status).toBe(401);
	});

	it('blocks users.update with data.active=false unless confirmRelinquish', async () => {
		const headers = twoFactorHeaders(sim.passwordCode(sim.admin.password), 'password');
		const blocked = await call(sim, 'POST', 'users.update', { as: sim.admin, headers, body: { userId: owner.userId, data: { active: false, name: 'Renamed' } } });
		expect(blocked.body).toEqual(lastOwnerBody);
		// like the server, fields saved before the active change stay saved
		expect(sim.state.userById(owner.userId)?.name).toBe('Renamed');
		const ok = await call(sim, 'POST', 'users.update', { as: sim.admin, headers, body: { userId: owner.userId, data: { active: false }, confirmRelinquish: true } });
		expect(ok.status).toBe(200);
		expect(ok.body.user.active).toBe(false);
	});

	it('lets a user without sole ownership go immediately', async () => {
		const free = sim.addUser({ username: 'free' });
		expect((await call(sim, 'POST', 'users.delete', { as: sim.admin, body: { username: 'free' } })).body).toEqual({ success: true });
		expect(sim.state.userById(free.userId)).toBeUndefined();
	});
});
