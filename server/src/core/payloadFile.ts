// The payload file's identity: how editors and the linter recognise a RevCent payload file.

/** Payload files are named `*.revcent.json`. */
export const PAYLOAD_SUFFIX = '.revcent.json';

/** The editor language of payload files (JSON with comments, plus payload metadata). */
export const LANGUAGE_ID = 'revcent-json';

/** Whether an open document is a payload file: by its language, or by its name when the editor did not set one. */
export function isPayloadDocument(document: { languageId: string; uri: string }): boolean {
  return document.languageId === LANGUAGE_ID || document.uri.endsWith(PAYLOAD_SUFFIX);
}
