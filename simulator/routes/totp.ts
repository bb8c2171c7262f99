/**
 * The TOTP routes that replaced the DDP methods 2fa:* in 8.8.0 (RocketChat/Rocket.Chat#40734). Only the one the node
 * calls is modelled: GET users.totp.codesRemaining, as server/lib/2fa/functions/totp.ts answers it.
 */
import { MeteorError } from '../errors';
import { has } from '../versions';
import { authed, ok, type RouteDef } from './common';

/** What the server answers for a route it does not have (as the router does for any unknown path). */
const NOT_THERE = { status: 404, body: { success: false, error: 'Not found' } };

export const totpRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/v1/users.totp.codesRemaining',
		auth: 'required',
		handler: (ctx) => {
			if (!has(ctx.version, 'totpRestRoutes')) return NOT_THERE;
			const { user } = authed(ctx);
			// codesRemainingTotp: Meteor.Error('invalid-totp') without a reason when TOTP is off.
			if (!user.totp?.enabled) throw new MeteorError('invalid-totp');
			// Backup codes are stored hashed (services.totp.hashedBackup); seeded accounts carry none.
			const hashedBackup = (user.totp as { hashedBackup?: unknown[] }).hashedBackup;
			return ok({ remaining: hashedBackup?.length ?? 0 });
		},
	},
];
