// The sandbox's MCP endpoint (POST /mcp): the SDK's low-level Server with tools/list and tools/call, one stateless
// Streamable HTTP transport per request. Tools are the catalog's operations with the published input schemas;
// calls go through the same validation and store as REST, so a failure comes back as RevCent's `code: 0`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { answer, failure, keyMode, type KeyMode } from './answers';
import { isJsonObject, setOwn, type JsonObject } from './json';
import { findSandboxOperation, sandboxOperations } from './operations';
import type { SandboxStore } from './store';

export const MCP_PATH = '/mcp';
const SERVER_INFO = { name: 'revcent-sandbox', version: '1.0.0' };

/** Every operation as a tool: its name, what it does, and the published flat input schema. */
function tools(): Tool[] {
  return sandboxOperations.map((operation) => {
    const { $schema: _dialect, ...inputSchema } = operation.inputSchema;
    return { name: operation.name, title: operation.title, description: operation.description, inputSchema: { ...inputSchema, type: 'object' } as Tool['inputSchema'] };
  });
}

function toolResult(body: JsonObject): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(body) }], isError: body.code !== 1 };
}

/** What a tools/call answers: the operation's RevCent answer as JSON text, `isError` unless it is `code: 1`. */
export function callTool(store: SandboxStore, name: string, args: unknown, mode: KeyMode): CallToolResult {
  const operation = findSandboxOperation(name);
  if (!operation) return toolResult(failure(404, 'unknown_tool', `There is no tool ${name}; tools/list names them.`, mode).body);
  const input: JsonObject = {};
  if (isJsonObject(args)) for (const [key, value] of Object.entries(args)) setOwn(input, key, value);
  return toolResult(answer(store, operation, input, mode).body);
}

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S.*)$/i.exec(header);
  return match ? match[1].trim() : undefined;
}

/** Serves one MCP HTTP request with a fresh server and transport (stateless: no session is kept). */
export async function serveMcp(store: SandboxStore, request: IncomingMessage, response: ServerResponse, body: unknown, token: string): Promise<void> {
  const mode = keyMode(token);
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} }, instructions: 'A local simulation of RevCent for the operations this project knows. Not RevCent.' });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools() }));
  server.setRequestHandler(CallToolRequestSchema, (call) => callTool(store, call.params.name, call.params.arguments, mode));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response, body);
}
