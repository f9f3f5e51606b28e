// The VS Code extension: starts the RevCent language server over IPC for `*.revcent.json` files, and registers
// the send commands, the target status bar item and the Send… CodeLens.
import './zodSetup';
import { commands, languages, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, LANGUAGE_ID, type InitializationOptions } from '../../server/src/protocol';
import { RevcentLog } from './log';
import { SendCodeLens, SendCommands } from './sendCommands';
import { Targets } from './targets';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    // --expose-gc lets the server give back the memory of a closed large payload at once.
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc', '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannelName: 'RevCent Language Server',
    synchronize: { configurationSection: 'revcent' },
    // VS Code runs `editor.action.triggerSuggest`, which completion items use to list values at once.
    // It also has revcent.setSecret, so the literal-secret fix can store the value it moves out of the file.
    // And revcent.quickFixApplied, which the walkthrough's "apply its fix" step completes on.
    initializationOptions: { triggerSuggest: true, secretStorage: true, fixAppliedCommand: true, fillInCurrent: true } satisfies InitializationOptions,
  };
  client = new LanguageClient('revcent', 'RevCent Payloads', serverOptions, clientOptions);
  context.subscriptions.push(client);
  // What the send commands did, redacted; the language server's own log is the "RevCent Language Server" output.
  const log = new RevcentLog();
  const targets = new Targets(context, log);
  context.subscriptions.push(log, targets, languages.registerCodeLensProvider({ language: LANGUAGE_ID }, new SendCodeLens()));
  new SendCommands(context, client, targets, log);
  // Does nothing but mark the walkthrough step: VS Code completes a step on the command it names.
  context.subscriptions.push(commands.registerCommand(Commands.quickFixApplied, () => undefined));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
