import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';
import { userDescription, userOperations } from '../nodes/RocketChat/actions/user';
import { deviceManagementDescription, deviceManagementOperations } from '../nodes/RocketChat/actions/deviceManagement';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

/** Routes the server marks `twoFactorRequired` (docs: rocketchat-server.md). */
const GATED = [
	'users.update',
	'users.generatePersonalAccessToken',
	'users.regeneratePersonalAccessToken',
	'users.removePersonalAccessToken',
	'users.2fa.disableEmail',
	'users.resetE2EKey',
	'users.resetTOTP',
	'sessions/list.all',
	'sessions/info.admin',
	'sessions/logout',
	// Gated in the newest server source; older servers ignore the code.
	'users.createToken',
];

function rows(resource: string): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const line of readme.split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		if (cells[1] === resource) found.set(cells[2], cells.slice(3, 6));
	}
	return found;
}

describe('README operations table', () => {
	test.each([
		['User', userDescription, userOperations, 45],
		['Device Management', deviceManagementDescription, deviceManagementOperations, 6],
	] as const)('%s: one row per operation with its endpoint and 2FA flag', (resource, description, operations, count) => {
		const options = description[0].options as INodePropertyOptions[];
		expect(options).toHaveLength(count);
		expect(Object.keys(operations).sort()).toEqual(options.map((option) => String(option.value)).sort());
		const table = rows(resource);
		expect(table.size).toBe(count);
		for (const option of options) {
			const row = table.get(option.name);
			expect(row).toBeDefined();
			// The endpoints the operation calls, as its description ends: "(users.info)" or "(users.info, users.create)".
			for (const endpoint of /\(([^)]+)\)$/.exec(String(option.description))![1].split(', ')) expect(row![0]).toContain(endpoint);
			const gated = GATED.some((route) => row![0].includes(`/api/v1/${route}\``));
			expect([option.name, row![2] === 'yes']).toEqual([option.name, gated]);
		}
	});
});
