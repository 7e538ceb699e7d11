// Renders terminal text with ANSI SGR sequences (bold, dim, the 8 colours, resets) as HTML spans,
// for the CLI screenshots in docs/images (docs/cli.md). Other escape sequences are dropped.
const COLOURS = ['#1e1e1e', '#e5534b', '#57ab5a', '#c69026', '#539bf5', '#b083f0', '#39c5cf', '#d1d5da'];

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function ansiToHtml(text) {
  let state = { bold: false, dim: false, colour: null };
  let html = '';
  const open = () => {
    const css = [state.bold ? 'font-weight:700' : '', state.dim ? 'opacity:0.6' : '', state.colour ? `color:${state.colour}` : ''].filter(Boolean).join(';');
    return css ? `<span style="${css}">` : '<span>';
  };
  // eslint-disable-next-line no-control-regex
  const parts = text.split(/(\u001b\[[0-9;?]*[ -/]*[@-~])/);
  for (const part of parts) {
    const sgr = /^\u001b\[([0-9;]*)m$/.exec(part);
    if (sgr) {
      for (const code of (sgr[1] || '0').split(';').map(Number)) {
        if (code === 0) state = { bold: false, dim: false, colour: null };
        else if (code === 1) state = { ...state, bold: true };
        else if (code === 2) state = { ...state, dim: true };
        else if (code === 22) state = { ...state, bold: false, dim: false };
        else if (code >= 30 && code <= 37) state = { ...state, colour: COLOURS[code - 30] };
        else if (code === 39) state = { ...state, colour: null };
      }
    } else if (!part.startsWith('\u001b')) {
      html += `${open()}${escapeHtml(part)}</span>`;
    }
  }
  return html;
}

export function terminalPage(title, bodyHtml) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#0d1117;}
.window{margin:16px;border-radius:8px;background:#161b22;box-shadow:0 4px 16px rgba(0,0,0,.5);overflow:hidden;}
.bar{background:#21262d;padding:8px 12px;color:#8b949e;font:13px sans-serif;}
.dot{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;}
pre{margin:0;padding:14px 16px;color:#d1d5da;font:14px/1.35 "DejaVu Sans Mono",monospace;white-space:pre-wrap;}
</style></head><body><div class="window"><div class="bar"><span class="dot" style="background:#ff5f56"></span><span class="dot" style="background:#ffbd2e"></span><span class="dot" style="background:#27c93f"></span>&nbsp;${escapeHtml(title)}</div><pre>${bodyHtml}</pre></div></body></html>`;
}
