/** Colours and shapes: one shape and colour per kind of node, chosen to read on dark and light chat themes. */
import type { Mark, NodeKind } from './model.js';

export const THEMES = ['dark', 'light'] as const;
export type ThemeName = (typeof THEMES)[number];

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon' | 'octagon' | 'page' | 'dots';

export interface Theme {
  readonly background: string;
  readonly panel: string;
  readonly centrePanel: string;
  readonly text: string;
  readonly muted: string;
  readonly edge: string;
  readonly kinds: Record<NodeKind, string>;
  readonly marks: Record<Mark, string>;
}

/** The shape drawn for each kind, and the word the legend uses. */
export const KIND_STYLE: Record<NodeKind, { shape: Shape; name: string }> = {
  domain: { shape: 'circle', name: 'domain' },
  ip: { shape: 'square', name: 'IP address' },
  email: { shape: 'diamond', name: 'e-mail' },
  hash: { shape: 'hexagon', name: 'file hash' },
  family: { shape: 'octagon', name: 'malware family' },
  detection: { shape: 'triangle', name: 'AV detection' },
  reference: { shape: 'page', name: 'reference' },
  more: { shape: 'dots', name: 'not drawn' },
};

export const MARK_NAMES: Record<Mark, string> = { malicious: 'malicious', suspicious: 'suspicious', safe: 'voted safe' };

// Okabe–Ito-like hues: tell apart for most colour-blind readers; each theme keeps contrast with its panel.
export const THEME: Record<ThemeName, Theme> = {
  dark: {
    background: '#1a1d21',
    panel: '#23272e',
    centrePanel: '#2f3540',
    text: '#e8eaed',
    muted: '#9aa0a6',
    edge: '#5f6672',
    kinds: {
      domain: '#56b4e9',
      ip: '#2fbf8f',
      email: '#cc79a7',
      hash: '#e69f00',
      family: '#ff7b72',
      detection: '#f0e442',
      reference: '#a0a8b4',
      more: '#8a919c',
    },
    marks: { malicious: '#ff5c5c', suspicious: '#ffb224', safe: '#46c46e' },
  },
  light: {
    background: '#ffffff',
    panel: '#f6f8fa',
    centrePanel: '#e9eef5',
    text: '#1d1f23',
    muted: '#5f6368',
    edge: '#b3bac4',
    kinds: {
      domain: '#0072b2',
      ip: '#008060',
      email: '#a64d86',
      hash: '#b36b00',
      family: '#c9302c',
      detection: '#8a7a00',
      reference: '#6a737d',
      more: '#80868b',
    },
    marks: { malicious: '#d1242f', suspicious: '#bf7a00', safe: '#1a7f37' },
  },
};
