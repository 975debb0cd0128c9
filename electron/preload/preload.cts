/**
 * The preload: one exposeInMainWorld call, nothing else. Bundled into a single CommonJS file
 * (build/vite.preload.config.ts) because a sandboxed preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../contract/names.js';
import { buildBridge } from './bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge(ipcRenderer));
