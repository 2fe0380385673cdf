-- Neovim as the language server's client (tests/lsp/nvim/run.sh): starts
-- `dschemac lsp` for the file being edited, waits for its diagnostics, jumps
-- to a definition, applies a quick fix, and writes what it saw to $LSP_OUT.
local out = {}
local function say(line) table.insert(out, line) end
local function finish()
  local f = assert(io.open(os.getenv("LSP_OUT"), "w"))
  f:write(table.concat(out, "\n"), "\n")
  f:close()
  vim.cmd("qall!")
end

local function diagnostics(bufnr)
  local list = vim.diagnostic.get(bufnr)
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  for _, d in ipairs(list) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
    say(string.format("  %d:%d-%d:%d %s %s", d.lnum + 1, d.col + 1, d.end_lnum + 1, d.end_col + 1,
                      code, (d.message:gsub("\n", " | "))))
  end
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "dschemac",
    cmd = { os.getenv("DSCHEMAC"), "lsp" },
    root_dir = vim.fn.getcwd(),
  })
  if not client then say("the client did not start") return finish() end
  vim.lsp.buf_attach_client(bufnr, client)

  local got = vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  say("diagnostics" .. (got and "" or " (none came)") .. ":")
  diagnostics(bufnr)

  -- Go to definition from the type name Money on line 9.
  vim.api.nvim_win_set_cursor(0, { 9, 14 })
  vim.lsp.buf.definition()
  vim.wait(5000, function() return vim.api.nvim_win_get_cursor(0)[1] ~= 9 end, 20)
  local pos = vim.api.nvim_win_get_cursor(0)
  say(string.format("definition of Money: line %d, column %d: %s", pos[1], pos[2] + 1,
                    vim.api.nvim_get_current_line()))

  -- The quick fix of the error on line 8, applied as the editor applies edits.
  vim.api.nvim_win_set_cursor(0, { 8, 0 })
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = 7, character = 0 }, ["end"] = { line = 8, character = 0 } }
  params.context = { diagnostics = {} }
  local replies = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 5000) or {}
  for _, reply in pairs(replies) do
    for _, action in ipairs(reply.result or {}) do
      say("quick fix: " .. action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    end
  end
  say("line 8 now: " .. vim.api.nvim_buf_get_lines(bufnr, 7, 8, false)[1])
  vim.wait(10000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)
  say("diagnostics after the fix:")
  diagnostics(bufnr)
  if #vim.diagnostic.get(bufnr) == 0 then say("  none") end
  vim.lsp.stop_client(client)
  vim.wait(2000, function() return vim.lsp.client_is_stopped(client) end, 20)
  finish()
end

vim.schedule(function()
  local ok, err = pcall(run)
  if not ok then say("error: " .. tostring(err)) finish() end
end)
