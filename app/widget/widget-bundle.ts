// Builds the widget's browser bundle (components/widget/widget-entry.tsx) with esbuild, CSS included.
// Runs at `next build` (app/widget/widget.js/route.ts is force-static, so its response is prerendered) and
// on request in dev. Server-only: never import this from components/.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Esbuild from 'esbuild';

export type WidgetBundle = { js: string; hash: string };

// Old Android phones are common among the widget's users: lower the syntax, not just the minifier's guess.
const TARGET = ['es2019', 'chrome70', 'firefox68', 'edge79', 'safari14.1']; // esbuild cannot lower destructuring for older Safari

let cached: Promise<WidgetBundle> | null = null;

export function getWidgetBundle(): Promise<WidgetBundle> {
  const dev = process.env.NODE_ENV === 'development';
  if (dev || !cached) {
    const p = buildWidgetBundle(dev);
    if (!dev) cached = p.catch((e) => ((cached = null), Promise.reject(e)));
    return p;
  }
  return cached;
}

async function buildWidgetBundle(dev: boolean): Promise<WidgetBundle> {
  const root = process.cwd();
  // Loaded from the project's node_modules at run time so the Next bundler leaves esbuild (a native binary) alone.
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as typeof Esbuild;
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'components/widget/widget-entry.tsx')],
    outdir: path.join(root, '.next/widget-bundle'), // nothing is written (write: false); esbuild needs it to name the CSS output
    write: false,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: TARGET,
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    legalComments: 'none',
    jsx: 'automatic',
    tsconfig: path.join(root, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
    logLevel: 'silent',
  });
  let js = '';
  let css = '';
  for (const f of result.outputFiles) {
    if (f.path.endsWith('.js')) js = f.text;
    else if (f.path.endsWith('.css')) css = f.text;
  }
  if (!js) throw new Error('widget bundle: esbuild produced no JavaScript');
  // One request instead of two on a 2G round trip: the CSS travels inside the script and is applied before React renders.
  const injectCss = css
    ? `(function(){var s=document.createElement("style");s.textContent=${JSON.stringify(css)};document.head.appendChild(s)})();\n`
    : '';
  const out = injectCss + js;
  return { js: out, hash: createHash('sha256').update(out).digest('base64url').slice(0, 16) };
}
