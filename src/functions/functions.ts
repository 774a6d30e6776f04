/**
 * Entry of the custom-functions bundle (dist/functions.js). Importing the family list puts every
 * family module in the bundle; the build (webpack.config.js, from the same list) scans those files
 * for JSDoc metadata and appends their CustomFunctions.associate calls.
 */
import "./families";
