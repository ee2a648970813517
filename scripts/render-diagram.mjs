#!/usr/bin/env node
// Renders processes/serviceAccountRequest.bpmn to docs/process.svg and docs/process.png
// with bpmn-js (prebuilt viewer bundle from node_modules) in Debian's headless Chromium.
// No network: the page is blank, the bundle and styles are injected from disk, and every
// request the page might make is aborted.
//
// Usage (from the repository root):  npm install && node scripts/render-diagram.mjs
// Optional arguments: node scripts/render-diagram.mjs [model.bpmn [output-dir [name]]]
// (name: of the .svg and .png written, default process)
// Needs /usr/bin/chromium (Debian: apt-get install -y chromium).

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bpmnFile = resolve(process.argv[2] ?? join(root, 'processes', 'serviceAccountRequest.bpmn'));
const outDir = resolve(process.argv[3] ?? join(root, 'docs'));
const name = process.argv[4] ?? 'process';
const svgFile = join(outDir, `${name}.svg`);
const pngFile = join(outDir, `${name}.png`);

const executablePath = '/usr/bin/chromium';
const viewport = { width: 2000, height: 800 };

const require = createRequire(import.meta.url);
const bpmnJsDist = join(dirname(require.resolve('bpmn-js/package.json')), 'dist');
const viewerBundle = join(bpmnJsDist, 'bpmn-viewer.production.min.js');
const styles = [join(bpmnJsDist, 'assets', 'diagram-js.css'), join(bpmnJsDist, 'assets', 'bpmn-js.css')];

async function main() {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} not found (Debian: apt-get install -y chromium)`);
  }
  const xml = await readFile(bpmnFile, 'utf8');
  const userDataDir = await mkdtemp(join(tmpdir(), 'render-diagram-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport,
      deviceScaleFactor: 1,
    });
    // Nothing may come from the network.
    await context.route('**/*', (route) => {
      console.warn(`blocked request: ${route.request().url()}`);
      return route.abort();
    });

    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.setContent(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><style>' +
        'html,body{margin:0;padding:0;width:100%;height:100%;background:#fff;overflow:hidden}' +
        '#canvas{width:100%;height:100%}' +
        '</style></head><body><div id="canvas"></div></body></html>',
    );
    for (const path of styles) await page.addStyleTag({ path });
    await page.addScriptTag({ path: viewerBundle });

    const result = await page.evaluate(async (xml) => {
      const fmt = (w) => String(w && w.message ? w.message : w);
      // eslint-disable-next-line no-undef
      const viewer = new BpmnJS({ container: '#canvas' });
      window.viewer = viewer;
      try {
        const { warnings } = await viewer.importXML(xml);
        const canvas = viewer.get('canvas');
        canvas.zoom('fit-viewport', 'auto');
        const { svg } = await viewer.saveSVG();
        return { ok: true, warnings: (warnings || []).map(fmt), svg, elements: viewer.get('elementRegistry').getAll().length };
      } catch (err) {
        return { ok: false, error: fmt(err), warnings: (err.warnings || []).map(fmt) };
      }
    }, xml);

    for (const w of result.warnings) console.warn(`import warning: ${w}`);
    if (!result.ok) {
      console.error(`import failed: ${result.error}`);
      return 1;
    }

    await mkdir(outDir, { recursive: true });
    await writeFile(svgFile, result.svg);
    await page.locator('#canvas').screenshot({ path: pngFile });
    console.log(`${relative(root, bpmnFile)}: ${result.elements} diagram elements, ${result.warnings.length} import warning(s)`);
    console.log(`wrote ${relative(root, svgFile)} and ${relative(root, pngFile)} (${viewport.width}x${viewport.height})`);
    return 0;
  } finally {
    if (context) await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
