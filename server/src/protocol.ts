// What the VS Code client and the language server say to each other beyond LSP, declared once and imported by
// both: the extension's command ids, the initialization options, and the custom requests.

import type { SendPlan } from './send/plan';
import type { WireRouteSource } from './send/routeTable';

export { LANGUAGE_ID, PAYLOAD_SUFFIX } from './core/payloadFile';

/** The extension's commands, as contributed in package.json. */
export namespace Commands {
  export const send = 'revcent.send';
  export const previewRequest = 'revcent.previewRequest';
  export const copyAsCurl = 'revcent.copyAsCurl';
  export const selectProfile = 'revcent.selectProfile';
  export const setApiKey = 'revcent.setApiKey';
  export const clearApiKey = 'revcent.clearApiKey';
  export const setSecret = 'revcent.setSecret';
  export const clearSecret = 'revcent.clearSecret';
  export const showHistory = 'revcent.showHistory';
  export const clearHistory = 'revcent.clearHistory';
  export const startSandbox = 'revcent.startSandbox';
  export const stopSandbox = 'revcent.stopSandbox';
  export const resetSandbox = 'revcent.resetSandbox';
  export const newPayload = 'revcent.newPayload';
  export const compareWithCurrent = 'revcent.compareWithCurrent';
  /** Not in the palette: the "Fill in current values" code action's command, given the URI and the field. */
  export const fillInCurrent = 'revcent.fillInCurrent';
  /** Not in the palette: run after a quick fix is applied (the walkthrough's fix step completes on it). */
  export const quickFixApplied = 'revcent.quickFixApplied';
}

/** What our VS Code client tells the server at `initialize` (other editors send none of it). */
export interface InitializationOptions {
  /** Editor settings when the client cannot answer `workspace/configuration`. */
  settings?: unknown;
  /** The client runs VS Code's `editor.action.triggerSuggest`, so completion items may ask for it. */
  triggerSuggest?: boolean;
  /** The client has `Commands.setSecret` taking a name and a value, so a fix may store a secret it moves out. */
  secretStorage?: boolean;
  /** The client has `Commands.quickFixApplied`, run after each quick fix. */
  fixAppliedCommand?: boolean;
  /** The client has `Commands.fillInCurrent`, which reads the record and fills a field in. */
  fillInCurrent?: boolean;
}

/** Where a plan is for, as the extension host resolved it: it reads openapi.json; the server never makes a request. */
export type WireSendTarget = { transport: 'rest'; baseUrl: string; routes: WireRouteSource } | { transport: 'mcp'; url: string };

/** `revcent/sendPlan`: the send plan of an open payload document (never a key: the client adds it when sending). */
export namespace SendPlanRequest {
  export const method = 'revcent/sendPlan';
  export interface Params {
    uri: string;
    target: WireSendTarget;
  }
  export type Result = SendPlan;
}
