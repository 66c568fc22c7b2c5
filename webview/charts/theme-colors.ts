/**
 * Colours for canvases and charts, read from VS Code's `--vscode-*` theme variables, so pictures follow the
 * light, dark and high-contrast themes. `onThemeChange` fires when VS Code swaps the body's theme class.
 */

export type ChartColorName = 'blue' | 'orange' | 'green' | 'purple' | 'red' | 'yellow';

export interface ThemeColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  /** The theme's chart palette (`--vscode-charts-*`) by name. */
  charts: Record<ChartColorName, string>;
  /** One colour per class, the chart palette in this order. */
  series: string[];
  error: string;
}

/** The chart palette in class order, with VS Code's dark defaults for a page without theme variables. */
const CHART_COLORS: [ChartColorName, string][] = [
  ['blue', '#3794ff'],
  ['orange', '#d18616'],
  ['green', '#89d185'],
  ['purple', '#b180d7'],
  ['red', '#f14c4c'],
  ['yellow', '#cca700'],
];

function variable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

export function readThemeColors(): ThemeColors {
  const style = getComputedStyle(document.body);
  const foreground = variable(style, '--vscode-editor-foreground', variable(style, '--vscode-foreground', '#cccccc'));
  const charts = Object.fromEntries(CHART_COLORS.map(([name, fallback]) => [name, variable(style, `--vscode-charts-${name}`, fallback)])) as Record<ChartColorName, string>;
  return {
    foreground,
    muted: variable(style, '--vscode-descriptionForeground', foreground),
    grid: variable(style, '--vscode-editorWidget-border', variable(style, '--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    background: variable(style, '--vscode-editor-background', '#1e1e1e'),
    charts,
    series: CHART_COLORS.map(([name]) => charts[name]),
    error: variable(style, '--vscode-errorForeground', '#f48771'),
  };
}

/** Calls `listener` whenever VS Code changes the theme (it swaps classes and the style on <body>). */
export function onThemeChange(listener: () => void): void {
  const observer = new MutationObserver(() => listener());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id', 'style'] });
}

/** `color` with the given alpha, for any CSS colour the canvas understands. */
export function withAlpha(context: CanvasRenderingContext2D, color: string, alpha: number): string {
  context.fillStyle = color;
  const normalized = context.fillStyle; // the canvas turns any colour into #rrggbb or rgba()
  if (normalized.startsWith('#') && normalized.length === 7) {
    const r = parseInt(normalized.slice(1, 3), 16);
    const g = parseInt(normalized.slice(3, 5), 16);
    const b = parseInt(normalized.slice(5, 7), 16);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const match = /rgba?\(([^)]+)\)/.exec(normalized);
  if (match) {
    const [r, g, b] = match[1].split(',').map((part) => part.trim());
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return normalized;
}

/** RGB of a CSS colour, through a canvas (it normalises any colour syntax to #rrggbb). */
export function rgbOf(context: CanvasRenderingContext2D, color: string): [number, number, number] {
  context.fillStyle = '#000000';
  context.fillStyle = color;
  const text = context.fillStyle;
  if (text.startsWith('#') && text.length === 7) return [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16)) as [number, number, number];
  const parts = /rgba?\(([^)]+)\)/.exec(text)?.[1].split(',').map((part) => Number(part.trim())) ?? [128, 128, 128];
  return [parts[0], parts[1], parts[2]];
}
