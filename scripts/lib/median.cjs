'use strict';
/**
 * The median of a list of figures (the mean of the two middle ones for an even count): how the bench and test:queue
 * turn repeated runs or batches into one figure. CommonJS so that both (TypeScript under ts-node, ESM) can load it.
 *
 * @param {number[]} values
 * @returns {number}
 */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { median };
