import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import { toolDescriptionProperties } from '../toolDescription';
import * as autocomplete from './autocomplete';
import * as checkUsernameAvailability from './checkUsernameAvailability';
import * as create from './create';
import * as createOrUpdate from './createOrUpdate';
import * as createToken from './createToken';
import * as deactivateIdleUsers from './deactivateIdleUsers';
import * as deleteOwnAccount from './deleteOwnAccount';
import * as deleteUser from './deleteUser';
import * as disable2faEmail from './disable2faEmail';
import * as enable2faEmail from './enable2faEmail';
import * as forgotPassword from './forgotPassword';
import * as generatePersonalAccessToken from './generatePersonalAccessToken';
import * as get from './get';
import * as getAll from './getAll';
import * as getAvatar from './getAvatar';
import * as getManyByStatus from './getManyByStatus';
import * as getManyPresences from './getManyPresences';
import * as getPersonalAccessTokens from './getPersonalAccessTokens';
import * as getPreferences from './getPreferences';
import * as getPresence from './getPresence';
import * as getStatus from './getStatus';
import * as getTeams from './getTeams';
import * as getTotpCodesRemaining from './getTotpCodesRemaining';
import * as getUserAvatar from './getUserAvatar';
import * as getUsernameSuggestion from './getUsernameSuggestion';
import * as logout from './logout';
import * as logoutOtherClients from './logoutOtherClients';
import * as previewIdleUsers from './previewIdleUsers';
import * as regeneratePersonalAccessToken from './regeneratePersonalAccessToken';
import * as register from './register';
import * as removeOtherTokens from './removeOtherTokens';
import * as removePersonalAccessToken from './removePersonalAccessToken';
import * as report from './report';
import * as requestDataDownload from './requestDataDownload';
import * as resetAvatar from './resetAvatar';
import * as resetE2eKey from './resetE2eKey';
import * as resetTotp from './resetTotp';
import * as send2faEmailCode from './send2faEmailCode';
import * as sendWelcomeEmail from './sendWelcomeEmail';
import * as setActiveStatus from './setActiveStatus';
import * as setAvatar from './setAvatar';
import * as setPreferences from './setPreferences';
import * as setStatus from './setStatus';
import * as update from './update';
import * as updateOwnBasicInfo from './updateOwnBasicInfo';

/** Operation value → its fields and request builder. */
export const userOperations: Record<string, Operation> = {
	autocomplete,
	checkUsernameAvailability,
	create,
	createOrUpdate,
	createToken,
	deactivateIdleUsers,
	delete: deleteUser,
	deleteOwnAccount,
	disable2faEmail,
	enable2faEmail,
	forgotPassword,
	generatePersonalAccessToken,
	get,
	getAll,
	getAvatar,
	getManyByStatus,
	getManyPresences,
	getPersonalAccessTokens,
	getPreferences,
	getPresence,
	getStatus,
	getTeams,
	getTotpCodesRemaining,
	getUserAvatar,
	getUsernameSuggestion,
	logout,
	logoutOtherClients,
	previewIdleUsers,
	regeneratePersonalAccessToken,
	register,
	removeOtherTokens,
	removePersonalAccessToken,
	report,
	requestDataDownload,
	resetAvatar,
	resetE2eKey,
	resetTotp,
	send2faEmailCode,
	sendWelcomeEmail,
	setActiveStatus,
	setAvatar,
	setPreferences,
	setStatus,
	update,
	updateOwnBasicInfo,
};

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Autocomplete', value: 'autocomplete', action: 'Autocomplete users', description: 'Find users whose name or username starts with a term; changes nothing (users.autocomplete)' },
			{ name: 'Check Username Availability', value: 'checkUsernameAvailability', action: 'Check username availability', description: 'Check whether a username is still free; changes nothing (users.checkUsernameAvailability)' },
			{ name: 'Create', value: 'create', action: 'Create user', description: 'Create a user and return it (users.create)' },
			{ name: 'Create or Update', value: 'createOrUpdate', action: 'Create or update user', description: 'Create the user when no user has this e-mail (or username), otherwise update its name, e-mail and username where they differ; outcome says created, updated or unchanged (users.info, users.listByStatus, users.create, users.update)' },
			{ name: 'Create Token for User', value: 'createToken', action: 'Create token for user', description: 'Create a login token for another user and return it (users.createToken)' },
			{ name: 'Deactivate Idle Users', value: 'deactivateIdleUsers', action: 'Deactivate idle users', description: 'Deactivate the users Preview Idle Users lists and return their count (users.deactivateIdle)' },
			{ name: 'Delete', value: 'delete', action: 'Delete user', description: 'Delete a user permanently (users.delete)' },
			{ name: 'Delete Own Account', value: 'deleteOwnAccount', action: 'Delete own user account', description: 'Delete the account of the n8n credential permanently (users.deleteOwnAccount)' },
			{ name: 'Disable 2FA by Email', value: 'disable2faEmail', action: 'Disable 2FA by email for own user', description: 'Turn off e-mailed two-factor codes for the account of the n8n credential (users.2fa.disableEmail)' },
			{ name: 'Enable 2FA by Email', value: 'enable2faEmail', action: 'Enable 2FA by email for own user', description: 'Turn on e-mailed two-factor codes for the account of the n8n credential (users.2fa.enableEmail)' },
			{ name: 'Forgot Password', value: 'forgotPassword', action: 'Send forgot password email to user', description: 'Send a password reset e-mail to an address (users.forgotPassword)' },
			{ name: 'Generate Personal Access Token', value: 'generatePersonalAccessToken', action: 'Generate personal access token for own user', description: 'Create a personal access token for the account of the n8n credential and return it (users.generatePersonalAccessToken)' },
			{ name: 'Get', value: 'get', action: 'Get user', description: 'Get one user by ID, username, e-mail or import ID; changes nothing (users.info)' },
			{ name: 'Get Avatar', value: 'getAvatar', action: 'Get avatar of user or room', description: 'Download the avatar of a user or a room as a file; changes nothing (avatar/{subject})' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many users', description: 'List users, one item each; changes nothing (users.list)' },
			{ name: 'Get Many by Status', value: 'getManyByStatus', action: 'Get many users by status', description: 'List users filtered by active status, roles, type and more; changes nothing (users.listByStatus)' },
			{ name: 'Get Many Presences', value: 'getManyPresences', action: 'Get many user presences', description: 'Get the presence of many users; changes nothing (users.presence)' },
			{ name: 'Get Personal Access Tokens', value: 'getPersonalAccessTokens', action: 'Get personal access tokens of own user', description: 'List the personal access tokens of the account of the n8n credential (names and dates, not the secrets); changes nothing (users.getPersonalAccessTokens)' },
			{ name: 'Get Preferences', value: 'getPreferences', action: 'Get preferences of own user', description: 'Get the preferences of the account of the n8n credential; changes nothing (users.getPreferences)' },
			{ name: 'Get Presence', value: 'getPresence', action: 'Get user presence', description: 'Get the presence of a user, or of the account of the n8n credential when none is given; changes nothing (users.getPresence)' },
			{ name: 'Get Status', value: 'getStatus', action: 'Get user status', description: 'Get the status and status message of a user, or of the account of the n8n credential when none is given; changes nothing (users.getStatus)' },
			{ name: 'Get Teams', value: 'getTeams', action: 'Get user teams', description: 'List the teams a user belongs to; changes nothing (users.listTeams)' },
			{ name: 'Get TOTP Backup Code Count', value: 'getTotpCodesRemaining', action: 'Get TOTP backup code count of own user', description: 'Count the unused TOTP backup codes of the account of the n8n credential; changes nothing (users.totp.codesRemaining)' },
			{ name: 'Get User Avatar', value: 'getUserAvatar', action: 'Get user avatar', description: 'Download the avatar of a user as a file; changes nothing (users.getAvatar)' },
			{ name: 'Get Username Suggestion', value: 'getUsernameSuggestion', action: 'Get username suggestion', description: 'Suggest a free username for the account of the n8n credential; changes nothing (users.getUsernameSuggestion)' },
			{ name: 'Log Out', value: 'logout', action: 'Log out user', description: 'Remove all login tokens of a user, or of the account of the n8n credential when none is given (users.logout)' },
			{ name: 'Log Out Other Clients', value: 'logoutOtherClients', action: 'Log out other clients of own user', description: 'Log out every other session of the account of the n8n credential; the response carries a new token (users.logoutOtherClients)' },
			{ name: 'Preview Idle Users', value: 'previewIdleUsers', action: 'Preview idle users', description: "List the users Deactivate Idle Users would deactivate, with the reason, by the server's rule; changes nothing (users.list)" },
			{ name: 'Regenerate Personal Access Token', value: 'regeneratePersonalAccessToken', action: 'Regenerate personal access token of own user', description: 'Replace a personal access token of the account of the n8n credential with a new one (users.regeneratePersonalAccessToken)' },
			{ name: 'Register', value: 'register', action: 'Register user', description: 'Self-register a new user, as the sign-up form does (users.register)' },
			{ name: 'Remove Other Tokens', value: 'removeOtherTokens', action: 'Remove other tokens of own user', description: 'Remove every login token of the account of the n8n credential except the current one (users.removeOtherTokens)' },
			{ name: 'Remove Personal Access Token', value: 'removePersonalAccessToken', action: 'Remove personal access token of own user', description: 'Delete a personal access token of the account of the n8n credential (users.removePersonalAccessToken)' },
			{ name: 'Report', value: 'report', action: 'Report user', description: 'Report a user to the moderators (moderation.reportUser)' },
			{ name: 'Request Data Download', value: 'requestDataDownload', action: 'Request data download of own user', description: 'Request an export of the data of the account of the n8n credential (users.requestDataDownload)' },
			{ name: 'Reset Avatar', value: 'resetAvatar', action: 'Reset user avatar', description: 'Reset the avatar of a user to the default (users.resetAvatar)' },
			{ name: 'Reset E2E Key', value: 'resetE2eKey', action: 'Reset user E2E key', description: 'Reset the end-to-end encryption key of a user, or of the account of the n8n credential when none is given (users.resetE2EKey)' },
			{ name: 'Reset TOTP', value: 'resetTotp', action: 'Reset user TOTP', description: 'Reset the authenticator-app two-factor setup of a user (users.resetTOTP)' },
			{ name: 'Send 2FA Email Code', value: 'send2faEmailCode', action: 'Send 2FA email code to user', description: 'E-mail a two-factor code to a user (users.2fa.sendEmailCode)' },
			{ name: 'Send Welcome Email', value: 'sendWelcomeEmail', action: 'Send welcome email to user', description: 'Send the welcome e-mail to an address (users.sendWelcomeEmail)' },
			{ name: 'Set Active Status', value: 'setActiveStatus', action: 'Set user active status', description: 'Activate or deactivate a user (users.setActiveStatus)' },
			{ name: 'Set Avatar', value: 'setAvatar', action: 'Set user avatar', description: 'Set the avatar of a user, or of the account of the n8n credential when none is given, from an image URL or a binary file (users.setAvatar)' },
			{ name: 'Set Preferences', value: 'setPreferences', action: 'Set user preferences', description: 'Change the preferences of a user, or of the account of the n8n credential when none is given (users.setPreferences)' },
			{ name: 'Set Status', value: 'setStatus', action: 'Set user status', description: 'Set the status and status message of a user, or of the account of the n8n credential when none is given (users.setStatus)' },
			{ name: 'Update', value: 'update', action: 'Update user', description: 'Update the given fields of a user and return it (users.update)' },
			{ name: 'Update Own Basic Info', value: 'updateOwnBasicInfo', action: 'Update basic info of own user', description: 'Update the name, e-mail, password and profile of the account of the n8n credential (users.updateOwnBasicInfo)' },
		],
		default: 'get',
	},
	...toolDescriptionProperties('user', userOperations),
	...Object.values(userOperations).flatMap((operation) => operation.description),
];
