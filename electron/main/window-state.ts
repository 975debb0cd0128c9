/**
 * Window position and size, remembered between runs.
 *
 * The file is untrusted input (hand-edited, from another machine, a monitor since unplugged), so it
 * is schema-checked and the window is moved back onto a visible display when it would open off
 * screen. A bad or missing file gives the default state, never an error.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

const MIN_WIDTH = 960;
const MIN_HEIGHT = 600;

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(MIN_WIDTH).max(20000),
  height: z.number().int().min(MIN_HEIGHT).max(20000),
  maximized: z.boolean(),
});

/** Parse the stored JSON; anything unusable gives the default. */
export function parseWindowState(json: string | null): WindowState {
  if (json === null) return DEFAULT_WINDOW_STATE;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Keep the window on a display: if less than a quarter of its title strip (top 40 px) is visible on
 * any display's work area, drop the position (the OS centres it) and shrink it to fit the primary one.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  const width = primary ? Math.min(state.width, primary.width) : state.width;
  const height = primary ? Math.min(state.height, primary.height) : state.height;
  if (state.x === undefined || state.y === undefined) return { ...state, width, height, x: undefined, y: undefined };
  const titleStrip: Rect = { x: state.x, y: state.y, width: state.width, height: 40 };
  const visible = workAreas.reduce((sum, area) => sum + overlapArea(titleStrip, area), 0);
  if (visible >= (titleStrip.width * titleStrip.height) / 4) return state;
  return { width, height, maximized: state.maximized };
}

export function readWindowStateSync(filePath: string): WindowState {
  try {
    return parseWindowState(readFileSync(filePath, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Write atomically (temp file + rename) so a crash mid-write never leaves half a file. */
export function writeWindowStateSync(filePath: string, state: WindowState): void {
  mkdirSync(dirname(filePath), { recursive: true });
  const tmp = `${filePath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), 'utf8');
  renameSync(tmp, filePath);
}
