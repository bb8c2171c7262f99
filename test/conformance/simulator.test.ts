/**
 * The conformance suite against the simulator at every version it models: the LTS (7.10.0), each release where
 * the simulator switches a behaviour (8.0: error texts and createToken's secret, 8.4: users.info by e-mail, 8.5: by
 * freeSwitchExtension and token revocation on deactivateIdle, 8.6: status expiry, 8.7: createToken's permission)
 * and the newest 8.x.
 * The same cases run against a real server with `npm run test:conformance` (scripts/conformance.ts).
 */
import { defaultPermissions } from '../../simulator/permissions';
import { startSimulator, type Simulator } from '../../simulator/server';
import { defaultSettingValues } from '../../simulator/settings';
import { GROUPS } from './cases';
import { runGroup, type CaseResult } from './lib/suite';

const VERSIONS = ['7.10.0', '8.0.0', '8.4.0', '8.5.0', '8.6.0', '8.7.0', '8.8.1'];

describe.each(VERSIONS)('conformance suite against the simulator at Rocket.Chat %s', (serverVersion) => {
	for (const group of GROUPS) {
		describe(group.name, () => {
			let sim: Simulator;
			let results: CaseResult[] = [];
			let leftovers: string[] = [];
			beforeAll(async () => {
				sim = await startSimulator({ users: 5, serverVersion, deviceManagementLicence: group.needs !== 'unlicensed' });
				const run = await runGroup({ url: sim.url, userId: sim.admin.userId, token: sim.admin.authToken, password: sim.admin.password }, group);
				results = run.results;
				leftovers = run.leftovers;
			});
			afterAll(() => sim.close());

			it('puts back every setting and permission and deletes its users, rooms, teams and invites', () => {
				expect(leftovers).toEqual([]);
				expect(sim.state.users.filter((u) => u.username.startsWith('n8n-conformance-'))).toEqual([]);
				expect(sim.state.rooms.filter((r) => r.name.startsWith('n8n-conformance-'))).toEqual([]);
				expect(sim.state.teams.filter((t) => t.name.startsWith('n8n-conformance-'))).toEqual([]);
				expect(sim.state.invites).toEqual([]);
				expect(sim.state.permissions).toEqual(defaultPermissions());
				expect(sim.state.settingValues).toEqual(defaultSettingValues());
				expect([sim.state.settings.allowDeleteOwnAccount, sim.state.settings.twoFactorEnabled]).toEqual([true, true]);
			});

			for (const c of group.cases) {
				const title = `${c.endpoint}: ${c.title}`;
				(c.skip ? it.skip : it)(title, () => {
					const r = results.find((x) => x.endpoint === c.endpoint && x.title === c.title);
					expect(r && [r.status, r.message]).toEqual(['pass', undefined]);
				});
			}
		});
	}
});
