// The editor part of `npm run test:e2e`: Debian's Chromium, driven headless by playwright-core.
//
// Pitfalls (see also /work/.library/env/machines/node.md):
// - playwright's own browser download (`npx playwright install`) cannot work here: playwright-core only,
//   with executablePath '/usr/bin/chromium' from Debian's `chromium` package (installed below when missing;
//   needs root, as on CI).
// - Without --disable-background-networking & co. Chromium keeps dialling Google services that this machine's
//   closed network refuses; --no-sandbox because CI runs as root; --disable-dev-shm-usage for small /dev/shm.
// - n8n 2.41's (and 1.123's) editor uses data-test-id attributes (not data-testid); selects are Element Plus poppers whose
//   options are `li.el-select-dropdown__item` outside the component.
// - On an empty canvas, "Add first step" opens the *trigger* list, where only the Rocket.Chat Trigger shows;
//   the canvas "+" button (node-creator-plus-button) opens the full list with the node's actions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT, log } from './n8n-app.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
	log("installing Debian's chromium (apt-get; ~30 s)");
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (!existsSync(CHROMIUM)) throw new Error('apt-get install chromium did not provide /usr/bin/chromium');
	return CHROMIUM;
}

export function loadPlaywright() {
	// A devDependency of the project; PLAYWRIGHT_CORE_FROM=<dir> points at another node_modules (development).
	const base = process.env.PLAYWRIGHT_CORE_FROM ? path.resolve(process.env.PLAYWRIGHT_CORE_FROM) : ROOT;
	try {
		return createRequire(path.join(base, 'package.json'))('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: add it to devDependencies and run npm ci');
	}
}

const OPTION_ITEMS = '.el-select-dropdown:visible li.el-select-dropdown__item';

/** Option names (first line: the description follows) of the open Element Plus select dropdown. */
async function openDropdownOptions(page) {
	const items = page.locator(OPTION_ITEMS);
	await items.first().waitFor({ timeout: 10_000 });
	await page.waitForTimeout(400); // the dropdown fades in: settle before reading / taking a screenshot
	return (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
}

/** Escape closes the dropdown, but it fades out: wait until no dropdown is visible before opening the next. */
async function closeDropdown(page) {
	await page.keyboard.press('Escape');
	await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
	await page.waitForFunction(() => ![...document.querySelectorAll('.el-select-dropdown')].some((e) => e.offsetParent !== null || e.getClientRects().length), null, { timeout: 10_000 });
}

/** Clicks the option whose name is exactly `name` in the open dropdown (Get Many ≠ Get Many Own Sessions). */
async function pickOption(page, name) {
	const names = await openDropdownOptions(page);
	const i = names.indexOf(name);
	if (i < 0) throw new Error(`option "${name}" not in: ${names.join(', ')}`);
	await page.locator(OPTION_ITEMS).nth(i).click();
}

/** Actions the node panel must list, as n8n writes them: the node's short actions and the trigger's events. */
const PANEL_ACTIONS = ['Deactivate idle users', 'Preview idle users', 'Get many users', 'Set user status', 'Get many sessions', 'Log out session', 'Log out own session', 'On new user', 'On new device session'];
/** The action clicked to add the node; n8n names the new node after it. */
const ADDED_ACTION = 'Deactivate idle users';

/** The node panel (node creator) lists the Rocket.Chat actions by their short names; screenshot for the README. */
async function nodePanelActionsCheck({ url, page, tid, step, shot }) {
	return await step('browser: node panel lists the Rocket.Chat actions by short names as n8n writes them', async () => {
		await page.goto(`${url}/workflow/new`);
		// A new canvas can take long to appear on a loaded machine (seen on 1.123.81): wait for it, not the click.
		await tid('canvas-wrapper').waitFor({ timeout: 60_000 });
		await tid('node-creator-plus-button').click();
		await tid('node-creator-search-bar').fill('Rocket.Chat');
		await tid('node-creator-item-name').filter({ hasText: /^Rocket\.Chat$/ }).first().click();
		const actionsHeader = tid('node-creator-category-item').filter({ hasText: /^Actions/ });
		await actionsHeader.click();
		const actionNames = tid('node-creator-item-name');
		await actionNames.filter({ hasText: new RegExp(`^${ADDED_ACTION}$`) }).waitFor();
		// The list renders in batches (1.123.81 showed 45 of 52 entries at first): read until every wanted one is there.
		let texts = [];
		for (const started = Date.now(); Date.now() - started < 20_000; await page.waitForTimeout(500)) {
			texts = (await actionNames.allInnerTexts()).map((text) => text.trim());
			if (PANEL_ACTIONS.every((want) => texts.includes(want))) break;
		}
		for (const want of PANEL_ACTIONS) if (!texts.includes(want)) throw new Error(`"${want}" not in the node panel (${texts.length} entries: ${texts.slice(0, 8).join(', ')}, …)`);
		const long = texts.filter((text) => /—|Read only|Changes data|Sends e-?mail/i.test(text) || text.length > 60);
		if (long.length) throw new Error(`actions that are not short names: ${long.join(' | ')}`);
		const header = (await actionsHeader.innerText()).trim();
		return `${header}; ${texts.length} entries, longest "${texts.reduce((a, b) => (b.length > a.length ? b : a), '')}"; ${await shot(page, 'node-creator-actions.png')}`;
	});
}

/** A node added from the panel is named after the short action (n8n's makeNodeName), on the canvas and in the NDV. */
async function addedNodeNameCheck({ page, tid, step }) {
	return await step(`browser: a node added from the panel with "${ADDED_ACTION}" is named "${ADDED_ACTION}"`, async () => {
		await tid('node-creator-item-name').filter({ hasText: new RegExp(`^${ADDED_ACTION}$`) }).click();
		await tid('ndv').waitFor();
		const onCanvas = page.locator('[data-test-id="canvas-node"]').filter({ hasText: ADDED_ACTION });
		await onCanvas.first().waitFor({ state: 'attached', timeout: 10_000 });
		const names = (await page.locator('[data-test-id="canvas-node"]').allInnerTexts()).map((text) => text.split('\n').map((line) => line.trim()).filter(Boolean));
		const added = names.find((lines) => lines.includes(ADDED_ACTION));
		if (!added) throw new Error(`no canvas node named "${ADDED_ACTION}": ${JSON.stringify(names)}`);
		return `canvas node "${ADDED_ACTION}"${added.length > 1 ? ` (${added.filter((line) => line !== ADDED_ACTION).join(', ')})` : ''}`;
	});
}

/** A Rocket.Chat Tool node (the MCP example's get_user) shows its operation's Tool Description, not n8n's switch. */
async function toolDescriptionFieldCheck({ url, page, tid, step, shot, workflowId }) {
	await step("browser: a Rocket.Chat Tool node shows its operation's Tool Description field", async () => {
		await page.goto(`${url}/workflow/${workflowId}`);
		await tid('canvas-wrapper').waitFor();
		await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'get_user' }).first().dblclick();
		await tid('ndv').waitFor();
		const field = tid('parameter-input-toolDescription');
		await field.waitFor();
		const text = (await field.locator('textarea, input').first().inputValue()).trim();
		if (!text.startsWith('Read only: get one Rocket.Chat user')) throw new Error(`get_user's Tool Description reads "${text}"`);
		if (await tid('parameter-input-descriptionType').count()) throw new Error("n8n's own Set Automatically / Set Manually switch is shown");
		await page.waitForTimeout(400);
		const file = await shot(page, 'editor-tool-description.png');
		await page.keyboard.press('Escape');
		return `get_user: "${text}"; ${file}`;
	});
}

export async function browserChecks({ url, owner, sim, credentialName, screenshotsDir, step, n8nMajor = 2, workflows = [], mcpWorkflowId }) {
	let browser;
	try {
		let chromium;
		const ready = await step('browser: Chromium + playwright-core available', async () => {
			const exe = ensureChromium();
			({ chromium } = loadPlaywright());
			browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, timeout: 60_000 });
			return `${exe} ${browser.version()}`;
		});
		if (!ready) return;
		mkdirSync(screenshotsDir, { recursive: true });
		const shot = async (page, name) => {
			const file = path.join(screenshotsDir, name);
			await page.screenshot({ path: file });
			return path.relative(ROOT, file);
		};
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		context.setDefaultTimeout(20_000);
		const page = await context.newPage();
		const tid = (id) => page.locator(`[data-test-id="${id}"]`);
		const pageErrors = [];
		page.on('pageerror', (e) => pageErrors.push(e.message));

		if (
			!(await step('browser: log in to the editor', async () => {
				await page.goto(`${url}/signin`);
				await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
				await page.locator('input[name="password"]').fill(owner.password);
				await tid('form-submit-button').click();
				await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
				return new URL(page.url()).pathname;
			}))
		)
			return;

		const opened = await nodePanelActionsCheck({ url, page, tid, step, shot });
		if (!opened) return;
		if (!(await addedNodeNameCheck({ page, tid, step }))) return;

		await step('browser: node panel shows both resources and the operations', async () => {
			const cred = (await tid('node-credentials-select').locator('input').inputValue()).trim();
			if (cred !== credentialName) throw new Error(`credential select shows "${cred}", expected "${credentialName}"`);

			await tid('parameter-input-resource').click();
			const resources = await openDropdownOptions(page);
			for (const want of ['User', 'Device Management']) if (!resources.includes(want)) throw new Error(`resource "${want}" missing: ${resources.join(', ')}`);
			await closeDropdown(page);

			await tid('parameter-input-operation').click();
			const userOps = await openDropdownOptions(page);
			for (const want of ['Deactivate Idle Users', 'Preview Idle Users', 'Create', 'Get Many', 'Set Active Status']) if (!userOps.includes(want)) throw new Error(`user operation "${want}" missing`);
			const file = await shot(page, 'editor-node-operations.png');
			await closeDropdown(page);
			const fileParams = await shot(page, 'editor-deactivate-idle.png');

			// Switch to Device Management and look at its operations.
			await tid('parameter-input-resource').click();
			await pickOption(page, 'Device Management');
			await tid('parameter-input-operation').click();
			const deviceOps = await openDropdownOptions(page);
			for (const want of ['Log Out Session', 'Get Many']) if (!deviceOps.includes(want)) throw new Error(`device management operation "${want}" missing: ${deviceOps.join(', ')}`);
			const file2 = await shot(page, 'editor-device-management-operations.png');
			await closeDropdown(page);
			return `resources: ${resources.filter((r) => r !== 'Custom API Call').join(', ')}; user: ${userOps.length - 1} operations; device management: ${deviceOps.filter((o) => o !== 'Custom API Call').join(', ')}; ${file}, ${fileParams}, ${file2}`;
		});

		await step('browser: "Execute step" runs the node against the simulator', async () => {
			// Device Management → Get Many (sessions/list.all) is read-only: safe after the workflow checks.
			const resource = (await tid('parameter-input-resource').locator('input').inputValue()).trim();
			if (resource !== 'Device Management') {
				await tid('parameter-input-resource').click();
				await pickOption(page, 'Device Management');
			}
			await tid('parameter-input-operation').click();
			await pickOption(page, 'Get Many');
			const before = sim.requests.length;
			// The NDV's button; 'execute-node-button' is the canvas node's (hidden behind the NDV).
			await tid('node-execute-button').click();
			const count = tid('ndv-items-count');
			await count.waitFor({ timeout: 30_000 });
			const summary = (await count.innerText()).trim();
			const calls = sim.requests.slice(before).filter((r) => r.path.includes('sessions'));
			if (!calls.length) throw new Error('the simulator saw no sessions/* call');
			await page.waitForTimeout(500); // let the table render
			return `output: ${summary}; ${calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join(', ')}; ${await shot(page, 'editor-execute-step-output.png')}`;
		});

		await step('browser: a new credential is tested successfully against the simulator', async () => {
			await tid('node-credentials-select').click();
			await tid('node-credentials-select-item-new').click();
			const modal = tid('editCredential-modal');
			await modal.waitFor();
			await modal.locator('[data-test-id="parameter-input-serverUrl"] input').fill(sim.url);
			await modal.locator('[data-test-id="parameter-input-userId"] input').fill(sim.admin.userId);
			await modal.locator('[data-test-id="parameter-input-authToken"] input').fill(sim.admin.authToken);
			const before = sim.requests.length;
			await tid('credential-save-button').click();
			// Both test on save; a failed test keeps the modal open with "Couldn't connect with these settings".
			// n8n 2.41 closes the modal of a *new* credential at once when the test passes (a toast says
			// "Credential successfully created"); reopening it re-runs the test and shows the "Connection tested
			// successfully" banner (data-test-id credentials-config-container-test-success). n8n 1.x keeps the
			// modal open after save and shows that banner in it.
			const bad = modal.getByText(/Couldn.t connect with these settings/i);
			const ok = tid('credentials-config-container-test-success');
			const passed = n8nMajor >= 2 ? modal.waitFor({ state: 'hidden', timeout: 30_000 }) : ok.waitFor({ timeout: 30_000 });
			await Promise.race([passed, bad.waitFor({ timeout: 30_000 })]);
			if (await bad.isVisible()) throw new Error(`credential test failed in the UI: ${(await modal.innerText()).slice(0, 300)}`);
			let saved;
			if (n8nMajor >= 2) {
				saved = (await tid('node-credentials-select').locator('input').inputValue()).trim();
				await tid('credential-edit-button').click();
				await modal.waitFor();
			}
			await ok.waitFor({ timeout: 30_000 });
			// Toasts ("Credential successfully created", "Node executed successfully") would cover the screenshot.
			for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
			await page.waitForTimeout(500);
			const file = await shot(page, 'credential-test-success.png');
			// The banner's "Retry" button is the explicit test button: press it once more.
			const meCalls = () => sim.requests.slice(before).filter((r) => r.path.endsWith('/api/v1/me')).length;
			const beforeRetry = meCalls();
			await ok.getByRole('button', { name: /retry/i }).click();
			for (let i = 0; i < 50 && meCalls() === beforeRetry; i++) await page.waitForTimeout(200);
			if (meCalls() === beforeRetry) throw new Error('"Retry" did not test the credential again');
			await ok.waitFor({ timeout: 30_000 });
			const me = sim.requests.slice(before).filter((r) => r.path.endsWith('/api/v1/me'));
			const tests = n8nMajor >= 2 ? 'save, reopen and Retry' : 'save and Retry';
			if (me.length < (n8nMajor >= 2 ? 3 : 2)) throw new Error(`expected ${tests} to test against the simulator, saw ${me.length} GET /api/v1/me`);
			const text = (await ok.innerText()).replace(/\s+/g, ' ').replace(/Retry$/, '').trim();
			if (n8nMajor < 2) {
				await page.keyboard.press('Escape');
				await modal.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
				saved = (await tid('node-credentials-select').locator('input').inputValue()).trim();
			}
			return `"${saved}" saved; "${text}" (${tests}: ${me.length} × GET /api/v1/me → ${me.map((r) => r.status).join(', ')}); ${file}`;
		});

		if (mcpWorkflowId) await toolDescriptionFieldCheck({ url, page, tid, step, shot, workflowId: mcpWorkflowId });

		// The imported example workflows on the canvas (for the README), e.g. docs/screenshots/example-idle-deactivation.png.
		for (const wf of workflows) {
			await step(`browser: example ${wf.file} opens on the canvas`, async () => {
				await page.goto(`${url}/workflow/${wf.id}`);
				// 20 s was not always enough for 1.123.81 on a loaded machine; a failure leaves a screenshot.
				await tid('canvas-wrapper').waitFor({ timeout: 60_000 }).catch(async (error) => {
					await shot(page, `failed-example-${path.basename(wf.file, '.json')}.png`).catch(() => {});
					throw error;
				});
				const nodes = page.locator('[data-test-id="canvas-node"]');
				await nodes.first().waitFor();
				const count = await nodes.count();
				if (count < wf.nodeCount) throw new Error(`${count} nodes on the canvas, the workflow has ${wf.nodeCount} (sticky notes aside)`);
				await tid('zoom-to-fit').click().catch(() => {});
				await page.waitForTimeout(700);
				return `${count} nodes; ${await shot(page, `example-${path.basename(wf.file, '.json')}.png`)}`;
			});
		}

		if (pageErrors.length) log(`page errors seen (not failing the run): ${pageErrors.slice(0, 3).join(' | ')}`);
	} finally {
		await browser?.close().catch(() => {});
	}
}
