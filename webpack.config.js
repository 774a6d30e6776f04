/* Builds dist/: functions.js + functions.json (+ functions.zh-cn.json), the task pane and its
 * browser preview, the manifest and assets. `webpack serve` serves them: over HTTPS with the
 * Office dev certificates when sideloading into Excel (env ADDIN_HTTPS=1), over plain HTTP for
 * the preview. */
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");
const { ZhMetadataPlugin } = require("./scripts/build/zh-metadata-plugin");
const { functionFamilies, functionFamilyFiles } = require("./scripts/build/function-families");
const { HelpUrlPlugin } = require("./scripts/build/help-url");
const { HelpPagesPlugin } = require("./scripts/build/help-pages");
const { LexicalBuiltinsPlugin } = require("./scripts/build/lexical-builtins-plugin");

const port = Number(process.env.npm_package_config_dev_server_port || process.env.PORT || 3000);
const DEV_URL = "https://localhost:3000/";
const PROD_URL = process.env.ADDIN_PROD_URL || DEV_URL;

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const https = process.env.ADDIN_HTTPS === "1";
  // The one family list (src/functions/families.ts) names the files every plugin reads.
  const families = functionFamilies(__dirname);
  let server = { type: "http" };
  if (https) {
    const devCerts = require("office-addin-dev-certs");
    server = { type: "https", options: await devCerts.getHttpsServerOptions() };
  }
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      // The offload worker (src/offload): opening, workflow compute and download off the page's
      // thread. Its own entry, loaded as new Worker("offload.worker.js") beside taskpane.html and
      // preview.html, rather than new URL(…, import.meta.url): jest and the bench compile to
      // CommonJS, where import.meta does not exist.
      "offload.worker": "./src/offload/offload.worker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // A fixed public path: the functions bundle must load where there is no document to ask.
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
    module: {
      // Rules' loaders run last to first: TypeScript, then Griffel's ahead-of-time step for our
      // makeStyles, then the extraction of every component's rules (Fluent's too) into one
      // stylesheet. Without it each component inserted its rules the first time it rendered, in
      // the commit that showed it (a result's summary: tens of ms on a slow machine, and a
      // recalculation of the whole page's styles after it).
      rules: [
        { test: /\.(js|mjs|tsx?)$/, include: [path.resolve(__dirname, "src"), /[\\/]node_modules[\\/]@fluentui[\\/]/], use: { loader: GriffelCSSExtractionPlugin.loader } },
        { test: /\.tsx$/, include: path.resolve(__dirname, "src"), use: { loader: "@griffel/webpack-loader" } },
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
      ],
    },
    performance: { hints: false },
    plugins: [
      new MiniCssExtractPlugin({ ignoreOrder: true }),
      new GriffelCSSExtractionPlugin(),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionFamilyFiles(path.resolve(__dirname, "src/functions")) }),
      new HelpUrlPlugin({ metadata: "functions.json", baseUrl: DEV_URL }),
      new ZhMetadataPlugin({ input: "functions.json", output: "functions.zh-cn.json", translations: families.map((f) => f.zhFile) }),
      new LexicalBuiltinsPlugin({ asset: "functions.js" }),
      new HelpPagesPlugin({ contentDir: path.resolve(__dirname, "src/help/content"), families: families.map((f) => f.key), devUrl: DEV_URL, prodUrl: dev ? DEV_URL : PROD_URL }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], templateParameters: { officeJs: true } }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], templateParameters: { officeJs: false } }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets", globOptions: { ignore: ["**/*.md"] } },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().split(DEV_URL).join(PROD_URL)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server,
      port,
      host: "localhost",
      open: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
    },
  };
};
