import { startConsole } from './console-app.js';

// Entry point of public/build/console.js (bundled by scripts/build-browser.mjs), loaded with `defer`.
const root = document.getElementById('app');
if (root) startConsole(root);
