import type { LoaderOptions } from './loader-options.js';

/**
 * The launcher's and panel's CSS, inside the Shadow DOM so the city's stylesheets cannot reach it and
 * it cannot reach them. `all: initial` on the host stops inherited properties (font, colour, line-height)
 * leaking in. Colours were validated as hex by readLoaderOptions, so they are safe to interpolate.
 */
export function loaderStyles(options: LoaderOptions): string {
  const side = options.position;
  return `
:host{all:initial}
.root{position:fixed;z-index:2147483000;bottom:20px;${side}:20px;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a}
.launcher{display:flex;align-items:center;gap:10px;margin:0;min-height:56px;padding:0 22px 0 18px;border:2px solid ${options.textColour}33;border-radius:28px;background:${options.colour};color:${options.textColour};font:inherit;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);outline:3px solid transparent}
.launcher:hover{filter:brightness(1.08)}
.launcher:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #1a1a1a}
.launcher svg{width:26px;height:26px;flex:none}
.badge{min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#fff;color:#b00020;font-size:13px;font-weight:700;line-height:22px;text-align:center;box-sizing:border-box}
.badge[hidden]{display:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.panel{position:fixed;bottom:92px;${side}:20px;width:400px;height:min(640px,calc(100vh - 112px));border-radius:14px;overflow:hidden;background:#fff;box-shadow:0 10px 40px rgba(0,0,0,.3);animation:antonia-in .18s ease-out}
@keyframes antonia-in{from{opacity:0;transform:translateY(12px)}}
.panel[hidden]{display:none}
.panel iframe{display:block;width:100%;height:100%;border:0}
.unavailable{position:absolute;inset:0;margin:0;padding:24px;background:#fff;color:#1a1a1a}
.unavailable[hidden]{display:none}
@media (max-width:480px),(max-height:560px){
.panel{inset:0;width:100%;height:100%;border-radius:0}
.root.open .launcher{display:none}
}
@media (prefers-reduced-motion:reduce){.panel{animation:none}}
@media (forced-colors:active){.launcher{border-color:ButtonText}}
`;
}
