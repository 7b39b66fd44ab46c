// ESLint (flat config): JavaScript, TypeScript and Svelte rules; formatting is Prettier's (.prettierrc).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'static/', 'tests/fixtures/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// The app is served at the root (no paths.base): plain hrefs are the resolved ones.
			'svelte/no-navigation-without-resolve': 'off',
			// Maps and sets built inside a $derived computation are made anew, not mutated in place.
			'svelte/prefer-svelte-reactivity': 'off',
			// {' · '} and {' '} keep a space Svelte would otherwise trim next to a block.
			'svelte/no-useless-mustaches': 'off',
			// Input sanitising strips control characters on purpose.
			'no-control-regex': 'off',
			// A leading underscore marks what is left unused on purpose (a rest sibling, a callback's argument).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
			'@typescript-eslint/no-explicit-any': 'warn',
			'@typescript-eslint/no-unused-expressions': 'warn',
			'no-useless-assignment': 'warn',
			'svelte/prefer-writable-derived': 'warn'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		files: ['**/*.cjs'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' }
	},
	{
		// Migrations take Kysely<any> (the schema changes under them); tests and benchmarks poke at loose shapes.
		files: ['migrations/**', 'server/db/migrate.ts', 'tests/**', 'bench/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	}
);
