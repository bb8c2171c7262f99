import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../operation';
import * as autocomplete from './autocomplete';
import * as checkUsernameAvailability from './checkUsernameAvailability';
import * as create from './create';
import * as createToken from './createToken';
import * as deactivateIdle from './deactivateIdle';
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
import * as getUserAvatar from './getUserAvatar';
import * as getUsernameSuggestion from './getUsernameSuggestion';
import * as logout from './logout';
import * as logoutOtherClients from './logoutOtherClients';
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
	createToken,
	deactivateIdle,
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
	getUserAvatar,
	getUsernameSuggestion,
	logout,
	logoutOtherClients,
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
			{ name: 'Autocomplete', value: 'autocomplete', action: 'Autocomplete users', description: 'Find users whose name or username starts with a term (users.autocomplete)' },
			{ name: 'Check Username Availability', value: 'checkUsernameAvailability', action: 'Check whether a username is available', description: 'Check whether a username is still free (users.checkUsernameAvailability)' },
			{ name: 'Create', value: 'create', action: 'Create a user', description: 'Create a user (users.create)' },
			{ name: 'Create Token for User', value: 'createToken', action: 'Create a login token for a user', description: 'Create a login token for another user (users.createToken)' },
			{ name: 'Deactivate Idle', value: 'deactivateIdle', action: 'Deactivate idle users', description: 'Deactivate users who have not logged in for a number of days, or preview who would be (users.deactivateIdle)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a user', description: 'Delete a user (users.delete)' },
			{ name: 'Delete Own Account', value: 'deleteOwnAccount', action: 'Delete own account', description: "Delete the credential's own account (users.deleteOwnAccount)" },
			{ name: 'Disable 2FA by Email', value: 'disable2faEmail', action: 'Disable two factor authentication by email', description: 'Turn off e-mailed two-factor codes for the credential user (users.2fa.disableEmail)' },
			{ name: 'Enable 2FA by Email', value: 'enable2faEmail', action: 'Enable two factor authentication by email', description: 'Turn on e-mailed two-factor codes for the credential user (users.2fa.enableEmail)' },
			{ name: 'Forgot Password', value: 'forgotPassword', action: 'Send a password reset email', description: 'Send a password reset e-mail (users.forgotPassword)' },
			{ name: 'Generate Personal Access Token', value: 'generatePersonalAccessToken', action: 'Generate a personal access token', description: 'Create a personal access token for the credential user (users.generatePersonalAccessToken)' },
			{ name: 'Get', value: 'get', action: 'Get a user', description: 'Get a user by ID, username, e-mail or import ID (users.info)' },
			{ name: 'Get Avatar', value: 'getAvatar', action: 'Get an avatar', description: 'Download the avatar of a user or a room as a file (avatar/{subject})' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many users', description: 'List users (users.list)' },
			{ name: 'Get Many by Status', value: 'getManyByStatus', action: 'Get many users by status', description: 'List users filtered by active status, roles, type and more (users.listByStatus)' },
			{ name: 'Get Many Presences', value: 'getManyPresences', action: 'Get many user presences', description: 'Get the presence of many users (users.presence)' },
			{ name: 'Get Personal Access Tokens', value: 'getPersonalAccessTokens', action: 'Get personal access tokens', description: 'List the personal access tokens of the credential user (users.getPersonalAccessTokens)' },
			{ name: 'Get Preferences', value: 'getPreferences', action: 'Get preferences', description: 'Get the preferences of the credential user (users.getPreferences)' },
			{ name: 'Get Presence', value: 'getPresence', action: 'Get the presence of a user', description: 'Get the presence of a user (users.getPresence)' },
			{ name: 'Get Status', value: 'getStatus', action: 'Get the status of a user', description: 'Get the status and status message of a user (users.getStatus)' },
			{ name: 'Get Teams', value: 'getTeams', action: 'Get the teams of a user', description: 'List the teams a user belongs to (users.listTeams)' },
			{ name: 'Get User Avatar', value: 'getUserAvatar', action: 'Get the avatar of a user', description: 'Download the avatar of a user as a file (users.getAvatar)' },
			{ name: 'Get Username Suggestion', value: 'getUsernameSuggestion', action: 'Get a username suggestion', description: 'Get a username suggestion for the credential user (users.getUsernameSuggestion)' },
			{ name: 'Log Out', value: 'logout', action: 'Log out a user', description: 'Remove all login tokens of a user (users.logout)' },
			{ name: 'Log Out Other Clients', value: 'logoutOtherClients', action: 'Log out other clients', description: 'Log out every other session of the credential user; the response carries a new token (users.logoutOtherClients)' },
			{ name: 'Regenerate Personal Access Token', value: 'regeneratePersonalAccessToken', action: 'Regenerate a personal access token', description: 'Replace a personal access token with a new one (users.regeneratePersonalAccessToken)' },
			{ name: 'Register', value: 'register', action: 'Register a user', description: 'Self-register a new user, as the sign-up form does (users.register)' },
			{ name: 'Remove Other Tokens', value: 'removeOtherTokens', action: 'Remove other tokens', description: 'Remove every login token of the credential user except the current one (users.removeOtherTokens)' },
			{ name: 'Remove Personal Access Token', value: 'removePersonalAccessToken', action: 'Remove a personal access token', description: 'Delete a personal access token (users.removePersonalAccessToken)' },
			{ name: 'Report', value: 'report', action: 'Report a user', description: 'Report a user to the moderators (moderation.reportUser)' },
			{ name: 'Request Data Download', value: 'requestDataDownload', action: 'Request a data download', description: "Request an export of the credential user's data (users.requestDataDownload)" },
			{ name: 'Reset Avatar', value: 'resetAvatar', action: 'Reset the avatar of a user', description: 'Reset the avatar of a user to the default (users.resetAvatar)' },
			{ name: 'Reset E2E Key', value: 'resetE2eKey', action: 'Reset the end to end encryption key of a user', description: 'Reset the end-to-end encryption key of a user (users.resetE2EKey)' },
			{ name: 'Reset TOTP', value: 'resetTotp', action: 'Reset the TOTP of a user', description: 'Reset the authenticator-app two-factor setup of a user (users.resetTOTP)' },
			{ name: 'Send 2FA Email Code', value: 'send2faEmailCode', action: 'Send a two factor code by email', description: 'E-mail a two-factor code to a user (users.2fa.sendEmailCode)' },
			{ name: 'Send Welcome Email', value: 'sendWelcomeEmail', action: 'Send a welcome email', description: 'Send the welcome e-mail to an address (users.sendWelcomeEmail)' },
			{ name: 'Set Active Status', value: 'setActiveStatus', action: 'Set the active status of a user', description: 'Activate or deactivate a user (users.setActiveStatus)' },
			{ name: 'Set Avatar', value: 'setAvatar', action: 'Set the avatar of a user', description: 'Set an avatar from an image URL or a binary file (users.setAvatar)' },
			{ name: 'Set Preferences', value: 'setPreferences', action: 'Set preferences', description: 'Change the preferences of a user (users.setPreferences)' },
			{ name: 'Set Status', value: 'setStatus', action: 'Set the status of a user', description: 'Set the status and status message of a user (users.setStatus)' },
			{ name: 'Update', value: 'update', action: 'Update a user', description: 'Update a user (users.update)' },
			{ name: 'Update Own Basic Info', value: 'updateOwnBasicInfo', action: 'Update own basic info', description: 'Update the name, e-mail, password and profile of the credential user (users.updateOwnBasicInfo)' },
		],
		default: 'get',
	},
	...Object.values(userOperations).flatMap((operation) => operation.description),
];
