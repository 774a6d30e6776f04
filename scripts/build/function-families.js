/* The custom-function family files: every module of src/functions whose JSDoc declares a
 * @customfunction. The metadata plugin reads them and appends their associate calls. */
const fs = require("fs");
const path = require("path");

function functionFamilyFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => /@customfunction\b/.test(fs.readFileSync(f, "utf8")))
    .sort();
}

module.exports = { functionFamilyFiles };
