/**
 * Port of apps/meteor/app/2fa/server/code/index.ts (checkCodeForUser) for the REST routes
 * declared twoFactorRequired: method selection, password fallback, TOTP, e-mail codes,
 * PAT bypass and the "remember me" window.
 */
import { createHash } from 'node:crypto';

import { MeteorError } from './errors';
import { settingOn } from './settings';
import { sha256Hex, type SimState } from './state';
import { verifyTotp } from './totp';
import type { SimLoginToken, SimUser } from './types';
import { has } from './versions';

export interface TwoFactorOptions {
	disableRememberMe?: boolean;
	requireSecondFactor?: boolean;
	disablePasswordFallback?: boolean;
}

export interface TwoFactorRequest {
	code?: string;
	method?: string;
	/** The token the request authenticated with (for PAT bypass and remember-me). */
	token?: SimLoginToken;
	userAgent?: string;
	clientAddress: string;
}

type MethodName = 'totp' | 'email' | 'password';

function verifiedEmails(user: SimUser): string[] {
	return user.emails.filter((e) => e.verified).map((e) => e.address);
}

function isEnabled(state: SimState, user: SimUser, method: MethodName, force = false): boolean {
	switch (method) {
		case 'totp':
			return user.totp?.enabled === true;
		case 'email':
			return settingOn(state, 'Accounts_TwoFactorAuthentication_By_Email_Enabled') && user.email2fa?.enabled === true && verifiedEmails(user).length > 0;
		case 'password':
			return force || (state.settings.enforcePasswordFallback && user.password !== undefined);
	}
}

/** Fingerprint of the connection, like getFingerprintFromConnection (md5 of user-agent + IP). */
export function fingerprint(userAgent: string | undefined, clientAddress: string): string {
	return createHash('md5').update(JSON.stringify({ userAgent, clientAddress })).digest('hex');
}

/** Generates and "e-mails" a 6-digit code (EmailCheck.sendEmailCode); recorded in state.emailCodesSent. */
export function sendEmailCode(state: SimState, user: SimUser): string {
	const code = state.rng.string(6, '0123456789');
	const expire = new Date(state.nowMs() + state.settings.emailCodeExpirationSeconds * 1000);
	user.emailCode = { code, expire, invalidAttempts: 0 };
	state.emailCodesSent.push({ userId: user._id, to: verifiedEmails(user), code, expire, at: state.now() });
	return code;
}

/** Created less than Accounts_TwoFactorAuthentication_RememberFor seconds ago (0 turns the grace off). */
function recentlyCreated(state: SimState, user: SimUser): boolean {
	const rememberMs = state.settings.twoFactorRememberForSeconds * 1000;
	return rememberMs > 0 && user.createdAt.getTime() + rememberMs >= state.nowMs();
}

function isAuthorizedForToken(state: SimState, user: SimUser, req: TwoFactorRequest, options: TwoFactorOptions): boolean {
	const token = req.token;
	if (!token || !user.loginTokens.includes(token)) return false;
	// 8.5.x (#38017, fixed by #41065): REST runs the gate before the token is known, so neither the token's bypass,
	// nor the grace after registration, nor a remembered code applies.
	if (has(state.settings.serverVersion, 'twoFactorBypassIgnored')) return false;
	if (options.requireSecondFactor) return false;
	if (token.bypassTwoFactor === true) return true;
	// Users are "remembered" right after registration; from 8.6 (#41061) also on disableRememberMe routes.
	const graceFirst = has(state.settings.serverVersion, 'newUserGraceOnDisableRememberMe');
	if (graceFirst && recentlyCreated(state, user)) return true;
	if (options.disableRememberMe === true) return false;
	if (!graceFirst && recentlyCreated(state, user)) return true;
	if (!token.twoFactorAuthorizedUntil || !token.twoFactorAuthorizedHash) return false;
	if (token.twoFactorAuthorizedUntil.getTime() < state.nowMs()) return false;
	return token.twoFactorAuthorizedHash === fingerprint(req.userAgent, req.clientAddress);
}

/** Throws MeteorError totp-required / totp-invalid / totp-max-attempts; returns when the request may proceed. */
export function checkTwoFactor(state: SimState, user: SimUser, req: TwoFactorRequest, options: TwoFactorOptions = {}): void {
	if (!state.settings.twoFactorEnabled) return;
	if (isAuthorizedForToken(state, user, req, options)) return;

	// getSecondFactorMethod: a named method (only totp/email are registered), else the first enabled one, else the password fallback.
	let selected: MethodName | undefined;
	if (req.method === 'totp' || req.method === 'email') selected = req.method;
	else if (isEnabled(state, user, 'totp')) selected = 'totp';
	else if (isEnabled(state, user, 'email')) selected = 'email';
	else if (options.requireSecondFactor) selected = 'password';
	else if (!options.disablePasswordFallback && isEnabled(state, user, 'password')) selected = 'password';
	if (!selected) return;

	const data: Record<string, unknown> = { codeGenerated: false };
	if (selected === 'email') {
		if (user.emailCode && user.emailCode.expire.getTime() < state.nowMs()) user.emailCode = undefined;
		const maxReached = (user.emailCode?.invalidAttempts ?? 0) >= state.settings.maxInvalidEmailCodeAttempts;
		const emailOrUsername = user.username || verifiedEmails(user)[0];
		if (user.emailCode && user.emailCode.expire.getTime() > state.nowMs() - 5 * 60_000 && !maxReached) {
			Object.assign(data, { emailOrUsername, codeGenerated: false, codeExpires: user.emailCode.expire.toISOString() });
		} else {
			sendEmailCode(state, user);
			Object.assign(data, { codeGenerated: true, emailOrUsername });
		}
	}
	const availableMethods = (['totp', 'email'] as const).filter((m) => isEnabled(state, user, m));
	const details = { method: selected, ...data, availableMethods };

	if (!req.code) throw new MeteorError('totp-required', 'TOTP Required', details);

	let valid = false;
	if (selected === 'totp') {
		valid = isEnabled(state, user, 'totp') && verifyTotp(user.totp!.secret, req.code, state.nowMs());
	} else if (selected === 'email') {
		const stored = user.emailCode;
		if (isEnabled(state, user, 'email') && stored && stored.expire.getTime() >= state.nowMs()) {
			if (stored.code === req.code.replace(/[^\d]/g, '')) {
				user.emailCode = undefined;
				valid = true;
			} else {
				stored.invalidAttempts++;
			}
		}
	} else {
		valid = isEnabled(state, user, 'password', options.requireSecondFactor) && user.password !== undefined && sha256Hex(user.password) === req.code.toLowerCase();
	}

	if (!valid) {
		if (selected === 'email' && (user.emailCode?.invalidAttempts ?? 0) >= state.settings.maxInvalidEmailCodeAttempts) {
			throw new MeteorError('totp-max-attempts', 'TOTP Maximun Failed Attempts Reached', details);
		}
		throw new MeteorError('totp-invalid', 'TOTP Invalid', details);
	}

	const rememberMs = state.settings.twoFactorRememberForSeconds * 1000;
	if (options.disableRememberMe !== true && req.token && rememberMs > 0) {
		req.token.twoFactorAuthorizedUntil = new Date(state.nowMs() + rememberMs);
		req.token.twoFactorAuthorizedHash = fingerprint(req.userAgent, req.clientAddress);
	}
}
