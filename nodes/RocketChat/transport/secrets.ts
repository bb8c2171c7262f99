import type { IDataObject } from 'n8n-workflow';

/**
 * Secret-bearing fields of Rocket.Chat user documents, as the server source defines and sends them
 * (packages/core-typings/src/IUser.ts: IUser, IUserServices):
 *
 * - `services`: the whole sub-document. `users.info` of oneself projects it in
 *   (app/lib/server/functions/getFullUserData.ts, `...(myself && { services: 1 })`), and `users.create` /
 *   `users.update` answer with `Users.findOneById(id, { projection: fields })`, the full document when no
 *   `fields` are asked for. It holds:
 *   - `resume.loginTokens[]`: `hashedToken` of every login token and personal access token, the 2FA
 *     "remember me" `twoFactorAuthorizedHash`;
 *   - `password.bcrypt` (getFullUserData turns it into `true` only for its own answers, from 8.x),
 *     `passwordHistory[]` (older bcrypt hashes);
 *   - `email.verificationTokens[]` (token, address, when): a token verifies the address;
 *   - `totp` (`secret`, `tempSecret`, `hashedBackup[]` backup codes), `email2fa`, `emailCode` (a pending
 *     e-mailed 2FA code);
 *   - `cloud` (`accessToken`, `refreshToken`), `iframe.token`, `loginToken.token` (one-time login links);
 *   - OAuth identities (`google`, `github`, `gitlab`, `facebook`, `linkedin`, `twitter`, `nextcloud`
 *     with `accessToken`/`refreshToken`, `saml` sessions, `ldap`, custom OAuth services by their name).
 * - `e2e.private_key`: the user's end-to-end private key (encrypted with the E2E password); `public_key` is public.
 * - `inviteToken`: the invitation token a user registered with.
 *
 * The transport removes them from every answer before anything else sees it (output items of every operation,
 * Simplify or not, the trigger, error bodies), and leaves the harmless facts in their place: `loginServices`
 * (the ways the user can log in: `password` and the OAuth/LDAP/SAML service names) and `twoFactor`
 * (`{ totp, email }`: which second factors are on).
 */
const NOT_LOGIN_SERVICES = new Set([
	'resume',
	'email',
	'emailCode',
	'email2fa',
	'totp',
	'passwordHistory',
	'cloud',
	'iframe',
	'loginToken',
]);

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function derivedFromServices(services: IDataObject): IDataObject {
	const enabled = (key: string) => isObject(services[key]) && (services[key] as IDataObject).enabled === true;
	const loginServices = Object.keys(services).filter((key) => {
		if (NOT_LOGIN_SERVICES.has(key)) return false;
		const value = services[key];
		// `password: { exists: false }` (getUserInfo) and `password: true` (getFullUserData) both occur.
		if (key === 'password') return value === true || (isObject(value) && value.exists !== false);
		return value !== undefined && value !== null && value !== false;
	});
	return { loginServices, twoFactor: { totp: enabled('totp'), email: enabled('email2fa') } };
}

function redactObject(object: IDataObject): void {
	if ('services' in object) {
		const services = object.services;
		delete object.services;
		if (isObject(services)) Object.assign(object, derivedFromServices(services));
	}
	if (isObject(object.e2e)) delete object.e2e.private_key;
	delete object.inviteToken;
	for (const value of Object.values(object)) {
		if (typeof value === 'object' && value !== null) redactSecrets(value);
	}
}

/** Removes the secret-bearing user fields listed above, in place, at any depth; returns the same value. */
export function redactSecrets<T>(value: T): T {
	if (Array.isArray(value)) {
		for (const entry of value) if (typeof entry === 'object' && entry !== null) redactSecrets(entry);
	} else if (isObject(value)) {
		redactObject(value);
	}
	return value;
}
