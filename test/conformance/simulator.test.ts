/**
 * The conformance suite against the simulator at every version it models: 7.10.0 (end of life, still run), every
 * release where the version table (simulator/versions.ts) switches a behaviour on or off (backports included), the
 * LTS lines 8.5.6 and 8.9.2, and the newest release 9.0.1.
 * The same cases run against a real server with `npm run test:conformance` (scripts/conformance.ts).
 * CONFORMANCE_VERSIONS=9.0.1,8.9.2 narrows the run while working on a case.
 */
import { defaultPermissions } from '../../simulator/permissions';
import { startSimulator, type Simulator } from '../../simulator/server';
import { defaultSettingValues } from '../../simulator/settings';
import { MODELLED_LINES, switchVersions } from '../../simulator/versions';
import { GROUPS } from './cases';
import { runGroup, type CaseResult } from './lib/suite';

const ALL_VERSIONS = [...new Set([MODELLED_LINES.endOfLife, ...switchVersions(), ...MODELLED_LINES.lts, MODELLED_LINES.newest])];
const VERSIONS = process.env.CONFORMANCE_VERSIONS ? process.env.CONFORMANCE_VERSIONS.split(',') : ALL_VERSIONS;

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
