// The self-hosted part of `npm run test:e2e`: the simulator behind an https front with a self-signed certificate
// (simulator/tls.ts, test/support/frontServer.ts), as many self-hosted workspaces are. The credential's Test in the
// n8n app fails with the certificate's code while "Ignore SSL Issues (Insecure)" is off and passes once it is on:
// through the REST API (as the modal calls it) and in the editor's credential modal (screenshots).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { CHROMIUM_ARGS, ensureChromium, loadPlaywright } from './browser.mjs';
import { CREDENTIAL_TYPE, onCleanup } from './harness.mjs';
import { ROOT } from './n8n-app.mjs';

const CREDENTIAL_NAME = 'Rocket.Chat self-signed';
// What n8n's tester shows for a request without an answer: the error's code on 2.x, Node's message on 1.x.
const CERTIFICATE_PROBLEM = /^(DEPTH_ZERO_SELF_SIGNED_CERT|self-signed certificate)$/;

/** Loads TypeScript helpers through ts-node, which startSimulatorInProcess has registered. */
function loadTs(file) {
	return createRequire(path.join(ROOT, 'package.json'))(path.join(ROOT, file));
}

export async function selfHostedChecks({ url, rest, sim, screenshotsDir, step, n8nMajor = 2, browser: withBrowser = true }) {
	const { makeTestCertificates } = loadTs('simulator/tls.ts');
	const { startFront } = loadTs('test/support/frontServer.ts');
	const front = await startFront({ target: sim.url, tls: makeTestCertificates({ selfSigned: true }) });
	onCleanup(() => front.close());
	const data = (ignoreSslIssues) => ({
		serverUrl: front.url,
		userId: sim.admin.userId,
		authToken: sim.admin.authToken,
		twoFactorMethod: 'none',
		ignoreSslIssues,
	});
	const credential = await rest.upsertCredential({ name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: data(false) });

	await step('self-signed server: credential test via REST fails with the certificate code, passes with Ignore SSL Issues', async () => {
		const refused = await rest.testCredential({ id: credential.id, name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: data(false) });
		if (refused?.status !== 'Error' || !CERTIFICATE_PROBLEM.test(refused.message)) throw new Error(`expected Error ${CERTIFICATE_PROBLEM}, got ${JSON.stringify(refused)}`);
		const passed = await rest.testCredential({ id: credential.id, name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: data(true) });
		if (passed?.status !== 'OK') throw new Error(`with Ignore SSL Issues: ${JSON.stringify(passed)}`);
		return `off → Error "${refused.message}"; on → OK "${passed.message}" (${front.url})`;
	});

	if (!withBrowser) return;
	let browser;
	try {
		browser = await loadPlaywright().chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, timeout: 60_000 });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		context.setDefaultTimeout(20_000);
		// The REST session's cookie logs the browser in (the login form is browser.mjs's check).
		const [name, value] = rest.cookie.split('=');
		await context.addCookies([{ name, value, url }]);
		const page = await context.newPage();
		const tid = (id) => page.locator(`[data-test-id="${id}"]`);
		mkdirSync(screenshotsDir, { recursive: true });
		const shot = async (file) => {
			for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
			await page.waitForTimeout(500);
			await page.screenshot({ path: path.join(screenshotsDir, file) });
			return path.relative(ROOT, path.join(screenshotsDir, file));
		};
		const modal = tid('editCredential-modal');
		const refused = modal.getByText(/Couldn.t connect with these settings/i);
		const passed = tid('credentials-config-container-test-success');

		await step('browser: the credential modal shows the certificate problem (Ignore SSL Issues off)', async () => {
			// Opening a saved credential tests it.
			await page.goto(`${url}/home/credentials/${credential.id}`);
			await modal.waitFor();
			await refused.waitFor({ timeout: 30_000 });
			// n8n folds the reason under "More details" (2.x).
			const details = modal.getByText(/More details/i);
			if (await details.isVisible()) await details.click();
			const reason = modal.getByText(CERTIFICATE_PROBLEM).first();
			await reason.waitFor({ timeout: 10_000 }).catch(() => {});
			const text = (await modal.innerText()).replace(/\s+/g, ' ');
			if (!(await reason.isVisible())) throw new Error(`the modal does not name the certificate problem: ${text.slice(0, 400)}`);
			// The banner: from "Couldn't connect" to the first field label.
			const banner = text.slice(text.search(/Couldn.t connect/i), text.indexOf('Server URL'));
			if (/token|unauthori[sz]ed|401/i.test(banner)) {
				throw new Error(`the failure reads as a token problem: ${text.slice(0, 400)}`);
			}
			return `"${banner.trim()}"; ${await shot('credential-test-self-signed.png')}`;
		});

		await step('browser: turning on Ignore SSL Issues (Insecure) and saving passes the test', async () => {
			const toggle = modal.locator('[data-test-id="parameter-input-ignoreSslIssues"]');
			await toggle.scrollIntoViewIfNeeded();
			await toggle.locator('.el-switch').click();
			const before = sim.requests.filter((r) => r.path.endsWith('/api/v1/me')).length;
			await tid('credential-save-button').click();
			await passed.waitFor({ timeout: 30_000 });
			const me = sim.requests.filter((r) => r.path.endsWith('/api/v1/me')).length - before;
			if (me < 1) throw new Error('the simulator saw no GET /api/v1/me through the https front');
			const stored = (await rest.request('GET', `/rest/credentials/${credential.id}?includeData=true`))?.data ?? {};
			if (stored.ignoreSslIssues !== true) throw new Error(`the saved credential has ignoreSslIssues=${stored.ignoreSslIssues}`);
			return `"${(await passed.innerText()).replace(/\s+/g, ' ').replace(/Retry$/, '').trim()}" (${me} × GET /api/v1/me through the front); ${await shot('credential-test-ignore-ssl.png')}`;
		});
		if (n8nMajor < 2) await page.keyboard.press('Escape');
	} finally {
		await browser?.close().catch(() => {});
	}
}
