/* Wraps the custom-functions bundle in a function whose parameters are the standard built-ins
 * (Math, Number, Array, Map, Float64Array, ...), so that every use of them inside the bundle is a
 * lexical variable instead of a global lookup. Where the bundle runs in a host whose global object
 * is an interceptor -- node:vm contexts, as ../shared/tools/fxeval.mjs and the benchmarks load it --
 * each global lookup costs microseconds: a million-row RFMSCORE spent most of its time looking up
 * Array and Math. The values passed are the host's own built-ins, so nothing else changes. */
const { Compilation, sources } = require("webpack");

const BUILTINS = ["Object", "Array", "Number", "Math", "String", "Boolean", "Map", "Set", "WeakMap", "Symbol", "Error", "TypeError", "RangeError", "JSON", "Date", "RegExp", "Promise", "Float64Array", "Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint16Array", "Uint32Array", "isFinite", "isNaN", "parseFloat", "parseInt"];

class LexicalBuiltinsPlugin {
  constructor({ asset }) {
    this.asset = asset;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LexicalBuiltinsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "LexicalBuiltinsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, () => {
        const asset = compilation.getAsset(this.asset);
        if (!asset) return;
        const names = BUILTINS.join(",");
        compilation.updateAsset(this.asset, new sources.ConcatSource(`(function(${names}){`, asset.source, `\n}).call(this,${names});\n`));
      });
    });
  }
}

module.exports = { LexicalBuiltinsPlugin, BUILTINS };
