// The terminal's colours in the site's two themes. Every one of the 16 ANSI colours, and the default
// text on the selection, reaches 4.5:1 (WCAG 2.2 AA for text) on the terminal's background: xterm's
// own palette does not (its blue, BuildKit's progress colour, is 3.19:1 on the dark background).
// "black" in the dark theme and "white" in the light one are greys, so text in them stays readable.
// Checked by tests/unit/lab/terminal-theme.test.ts.

export const TERMINAL_THEMES = {
  dark: {
    background: '#0d1117', foreground: '#e6edf3', cursor: '#e6edf3', selectionBackground: '#264f78',
    black: '#8b949e', red: '#ff7b72', green: '#3fb950', yellow: '#d29922', blue: '#58a6ff', magenta: '#bc8cff', cyan: '#39c5cf', white: '#b1bac4',
    brightBlack: '#8b949e', brightRed: '#ffa198', brightGreen: '#56d364', brightYellow: '#e3b341', brightBlue: '#79c0ff', brightMagenta: '#d2a8ff', brightCyan: '#56d4dd', brightWhite: '#f0f6fc',
  },
  light: {
    background: '#ffffff', foreground: '#1b1f24', cursor: '#1b1f24', selectionBackground: '#b6d7ff',
    black: '#1b1f24', red: '#a40e26', green: '#116329', yellow: '#7a5d00', blue: '#0b5cad', magenta: '#8250df', cyan: '#0b6e79', white: '#4a5563',
    brightBlack: '#57606a', brightRed: '#a40e26', brightGreen: '#116329', brightYellow: '#7a5d00', brightBlue: '#0b5cad', brightMagenta: '#8250df', brightCyan: '#0b6e79', brightWhite: '#1b1f24',
  },
} as const;
