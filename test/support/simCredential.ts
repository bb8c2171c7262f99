import type { IDataObject } from 'n8n-workflow';
import type { Simulator } from '../../simulator/server';

/**
 * The Rocket.Chat credential's data for one of the simulator's accounts (the admin unless told), without
 * a two-factor method; `extra` overrides fields (a proxy's serverUrl, a 2FA method and its secret).
 */
export function credentialFor(
	sim: Pick<Simulator, 'url' | 'admin'>,
	account: { userId: string; authToken: string } = sim.admin,
	extra: IDataObject = {},
): IDataObject {
	return { serverUrl: sim.url, userId: account.userId, authToken: account.authToken, twoFactorMethod: 'none', ...extra };
}
