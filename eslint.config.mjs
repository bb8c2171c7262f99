import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

// The same rule sets n8n's own tooling and its community-package scanner apply, kept in one place.
const n8nBase = { 'n8n-nodes-base': n8nNodesBase };

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', 'test-output/**', '**/*.js', '**/*.mjs'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended, communityNodes.configs.recommended],
		rules: {
			'no-console': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { ...communityNodes.configs.recommended.plugins, ...n8nBase },
		rules: { ...communityNodes.configs.recommended.rules, ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: n8nBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// As n8n's node CLI: these two predate full-URL documentation links and themed password rules.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: n8nBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// As n8n's node CLI: these predate NodeConnectionTypes.Main, which the community rules require.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-trigger-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			// The one rule of @n8n/eslint-plugin-community-nodes 0.32.0 outside its recommended set: with it,
			// every rule of the plugin is on.
			'@n8n/community-nodes/node-class-description-icon-missing': 'error',
		},
	},
	{
		// Tests, the simulator and scripts run in Node, not inside n8n: n8n's sandbox rules do not apply there.
		files: ['test/**/*.ts', 'simulator/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			// Test stand-ins for n8n's core nodes and credentials are not published nodes.
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@n8n/community-nodes/credential-password-field': 'off',
			'no-console': 'off',
			// Tests load n8n-core and the built package lazily, at run time; response bodies are asserted field by field.
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
);
