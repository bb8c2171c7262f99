/**
 * confirmRelinquish as relinquishRoomOwnerships does it: the oldest other member is made an owner; a
 * deactivated owner keeps its role, a deleted one leaves with its subscription; rooms nobody else is in go.
 * (This runs on the state; the conformance suite drives the same through channels.create / addOwner / removeOwner.)
 */
import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

describe('simulator: handing rooms over (confirmRelinquish)', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSimulator({ users: 5, now: FIXED_NOW });
	});
	afterEach(() => sim.close());

	const makeUser = (username: string) => sim.state.addUser({ username, name: username, roles: ['user'] }).user;

	it('without confirmRelinquish the last owner is user-last-owner and nothing changes', async () => {
		const owner = makeUser('last.owner');
		const member = makeUser('plain.member');
		const room = sim.state.addRoom({ name: 'handover', owners: [owner._id], members: [member._id] });
		const res = await call(sim, 'POST', 'users.setActiveStatus', { as: sim.admin, body: { userId: owner._id, activeStatus: false } });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ error: '[user-last-owner]', errorType: 'user-last-owner' });
		expect(room.owners).toEqual([owner._id]);
		expect(sim.state.userById(owner._id)?.active).toBe(true);
	});

	it('deactivating with confirmRelinquish adds the oldest other member as owner; the deactivated user stays owner', async () => {
		const owner = makeUser('last.owner');
		const first = makeUser('first.member');
		const second = makeUser('second.member');
		const room = sim.state.addRoom({ name: 'handover', owners: [owner._id], members: [first._id, second._id] });
		const res = await call(sim, 'POST', 'users.setActiveStatus', { as: sim.admin, body: { userId: owner._id, activeStatus: false, confirmRelinquish: true } });
		expect(res.status).toBe(200);
		expect(room.owners).toEqual([owner._id, first._id]);
	});

	it('deleting with confirmRelinquish leaves the new owner alone and removes rooms nobody else is in', async () => {
		const owner = makeUser('last.owner');
		const member = makeUser('plain.member');
		const shared = sim.state.addRoom({ name: 'shared', owners: [owner._id], members: [member._id] });
		const alone = sim.state.addRoom({ name: 'alone', owners: [owner._id] });
		const res = await call(sim, 'POST', 'users.delete', { as: sim.admin, body: { userId: owner._id, confirmRelinquish: true } });
		expect(res.status).toBe(200);
		expect(shared.owners).toEqual([member._id]);
		expect(sim.state.rooms.some((r) => r._id === alone._id)).toBe(false);
	});
});
