/**
 * Entry of the custom-functions bundle (dist/functions.js). Every family file listed in
 * webpack.config.js is scanned for JSDoc metadata and gets its CustomFunctions.associate calls
 * appended at build time; importing them here puts them in the bundle.
 */
import "./clv";
import "./credit";
import "./aging";
import "./rfm";
import "./tiers";
