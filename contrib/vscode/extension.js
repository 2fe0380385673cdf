// The VS Code client of dschemac's language server: starts `dschemac lsp`
// for the YAML files that match dschemac.files and lets
// vscode-languageclient speak the protocol.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("dschemac");
  const command = config.get("path", "dschemac");
  const patterns = config.get("files", ["**/*.dschema.yaml"]);
  const server = { command, args: ["lsp"] };
  client = new LanguageClient("dschemac", "dschema", { run: server, debug: server }, {
    documentSelector: patterns.map((pattern) => ({ scheme: "file", language: "yaml", pattern })),
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
