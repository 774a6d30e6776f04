/* Every function's helpUrl, derived from its id: <base>help/en/<ID>.html (the Chinese metadata
 * links help/zh/, see zh-metadata-plugin.js). Nobody types an @helpurl: the build adds it to the
 * generated functions.json, right after the description as the generator would place it. */
const { sources } = require("webpack");

function helpUrlOf(baseUrl, id, lang = "en") {
  return `${baseUrl}help/${lang}/${id}.html`;
}

/** The metadata with every function's helpUrl set from its id. */
function withHelpUrls(metadata, baseUrl) {
  const functions = metadata.functions.map((f) => {
    const { description, helpUrl: _ignored, ...rest } = f;
    return description === undefined ? { helpUrl: helpUrlOf(baseUrl, f.id), ...rest } : { description, helpUrl: helpUrlOf(baseUrl, f.id), ...rest };
  });
  return { ...metadata, functions };
}

class HelpUrlPlugin {
  /** options: { metadata: "functions.json", baseUrl } */
  constructor(options) {
    this.options = { metadata: "functions.json", ...options };
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpUrlPlugin", (compilation) => {
      // Before ZhMetadataPlugin (stage ADDITIONAL) derives functions.zh-cn.json from it.
      compilation.hooks.processAssets.tap({ name: "HelpUrlPlugin", stage: compilation.PROCESS_ASSETS_STAGE_ADDITIONAL - 1 }, (assets) => {
        const source = assets[this.options.metadata];
        if (!source) return;
        const metadata = withHelpUrls(JSON.parse(source.source().toString()), this.options.baseUrl);
        compilation.updateAsset(this.options.metadata, new sources.RawSource(JSON.stringify(metadata, null, 4)));
      });
    });
  }
}

module.exports = { HelpUrlPlugin, withHelpUrls, helpUrlOf };
