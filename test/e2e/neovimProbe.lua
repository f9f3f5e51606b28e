-- Drives a real Neovim session against the RevCent language server, as a user would: waits for the
-- diagnostics, hovers a key, applies the preferred quick fix of the first one, waits for the new diagnostics,
-- then writes what it saw as JSON to $REVCENT_PROBE_OUT and quits.
local out = { filetype = vim.bo.filetype }

local function diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(list, { line = d.lnum, character = d.col, code = d.code, source = d.source, severity = d.severity, message = d.message })
  end
  table.sort(list, function(a, b) return a.line < b.line end)
  return list
end

local function finish()
  vim.fn.writefile({ vim.json.encode(out) }, os.getenv('REVCENT_PROBE_OUT'))
  vim.cmd('qa!')
end

out.attached = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 20)
out.before = diagnostics()
if not out.attached then return finish() end

local uri = vim.uri_from_bufnr(0)
local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = tonumber(os.getenv('REVCENT_HOVER_LINE')), character = tonumber(os.getenv('REVCENT_HOVER_CHARACTER')) },
}, 5000)
for _, response in pairs(hover or {}) do
  if response.result then out.hover = response.result.contents.value end
end

local first = vim.diagnostic.get(0)[1]
for _, d in ipairs(vim.diagnostic.get(0)) do
  if d.lnum < first.lnum then first = d end
end
local range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } }
local actions = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = range,
  context = { diagnostics = { { range = range, code = first.code, source = first.source, message = first.message } } },
}, 5000)
out.actions = {}
for _, response in pairs(actions or {}) do
  for _, action in ipairs(response.result or {}) do
    table.insert(out.actions, action.title)
    if action.isPreferred and not out.applied then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      out.applied = action.title
    end
  end
end
out.text = vim.api.nvim_buf_get_lines(0, 0, -1, false)

local fixed = first.message
vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.message == fixed then return false end
  end
  return true
end, 20)
out.after = diagnostics()
finish()
