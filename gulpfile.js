const { src, dest } = require('gulp');

/** tsc does not copy icons: put every SVG/PNG next to its compiled node or credential in dist/. */
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
