/* The custom-function families, read from the one list src/functions/families.ts (its
 * `{ key: "…" }` entries, in order), with the files each key names. The metadata plugin reads the
 * wrapper files and appends their associate calls, the Chinese metadata plugin the .zh-cn.json
 * files, the help pages plugin the help content. */
const fs = require("fs");
const path = require("path");

/** [{ key, file, zhFile, helpFile }] for every family of the list, in its order. */
function functionFamilies(root) {
  const list = path.join(root, "src/functions/families.ts");
  const text = fs.readFileSync(list, "utf8");
  const keys = [...text.matchAll(/\{\s*key:\s*"([\w-]+)"/g)].map((m) => m[1]);
  if (keys.length === 0) throw new Error(`${list}: no { key: "…" } entries`);
  return keys.map((key) => {
    const family = {
      key,
      file: path.join(root, "src/functions", `${key}.ts`),
      zhFile: path.join(root, "src/functions", `${key}.zh-cn.json`),
      helpFile: path.join(root, "src/help/content", `${key}.json`),
    };
    if (!fs.existsSync(family.file)) throw new Error(`${list}: family "${key}" has no ${family.file}`);
    return family;
  });
}

/**
 * The wrapper files of the families (src/functions/<key>.ts), `dir` being src/functions. Sorted by
 * name, as the metadata generator has always read them, so functions.json keeps its order.
 */
function functionFamilyFiles(dir) {
  return functionFamilies(path.resolve(dir, "../..")).map((f) => f.file).sort();
}

module.exports = { functionFamilies, functionFamilyFiles };
