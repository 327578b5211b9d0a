/**
 * The overview (`/`) sent ready: index.html with the App already rendered into `#app` by the
 * SSR build of the web (dist/ssr/render.js, from web/src/render.ts), from the very answers
 * `/api/okrs` and `/api/health` give, which ride along as JSON (`type="application/json"`: data,
 * never run, so the CSP's `script-src 'self'` holds) for the browser to hydrate from without
 * fetching them again. A phone paints the key results from the HTML instead of after its script
 * has run. Other paths keep the plain index.html (the SPA renders them itself).
 *
 * The page is kept as ready bytes (compressed once, strong ETag, `no-cache`) per rollup version,
 * day, health answer and build: a finished pass or a new build changes it, and its ETag with it.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { documentTitle } from '../shared/format.js';
import type { AppContext } from './context.js';
import { healthAnswer, type CollectionSource } from './health.js';
import { readyAnswer, sendAnswer } from './metrics/ready.js';
import { currentOkrs } from './okrs-answer.js';
import type { HealthResponse } from './schemas/health.js';
import type { OkrsResponse } from './schemas/okrs.js';

/** web/src/render.ts's export (the server does not import web code; it loads the build). */
type RenderOverview = (answers: { okrs: OkrsResponse; health: HealthResponse | null }) => {
  app: string;
  data: string;
};

const APP = '<div id="app"></div>';

export interface OverviewPageOptions {
  /** The built SPA (index.html); its SSR build sits beside it, in ../ssr/render.js. */
  webRoot: string;
  sources?: readonly CollectionSource[];
  warnings: readonly string[];
}

interface Build {
  stamp: string;
  template: string;
  render: RenderOverview;
}

export class OverviewPage {
  private readonly indexFile: string;
  private readonly renderFile: string;
  private build: Promise<Build> | null = null;
  private buildStamp = '';

  constructor(
    private readonly ctx: AppContext,
    private readonly options: OverviewPageOptions,
  ) {
    this.indexFile = join(options.webRoot, 'index.html');
    this.renderFile = join(options.webRoot, '..', 'ssr', 'render.js');
  }

  /** Answers `/` with the rendered page; false when it cannot (no SSR build, a failure): send index.html. */
  async send(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    let answer;
    try {
      const build = await this.currentBuild();
      if (!build) return false;
      const health = await healthAnswer(
        this.ctx.database,
        this.options.sources,
        this.options.warnings,
      ).catch(() => null);
      const healthJson = JSON.stringify(health);
      const day = this.ctx.today();
      const healthTag = createHash('sha256').update(healthJson).digest('base64url').slice(0, 16);
      const key = `page:/:${day}:${build.stamp}:${healthTag}`;
      answer = await this.ctx.cache.get(key, async (version) => {
        const okrs = await currentOkrs(this.ctx);
        const html = overviewHtml(build, okrs, health);
        return readyAnswer(version, key, Buffer.from(html));
      });
    } catch (error) {
      // The SPA renders the page itself (and says what failed, from /api/okrs).
      request.log.error({ err: error }, 'the overview could not be rendered on the server');
      return false;
    }
    await sendAnswer(request, reply, answer, 'text/html; charset=utf-8');
    return true;
  }

  /** The template and renderer of the build on disk, reloaded when `npm run build` replaced them. */
  private async currentBuild(): Promise<Build | null> {
    const times = await Promise.all(
      [this.indexFile, this.renderFile].map((file) =>
        stat(file).then(
          (s) => s.mtimeMs,
          () => null,
        ),
      ),
    );
    if (times.includes(null)) return null;
    const stamp = times.join('-');
    if (!this.build || stamp !== this.buildStamp) {
      this.buildStamp = stamp;
      this.build = loadBuild(this.indexFile, this.renderFile, stamp);
      this.build.catch(() => (this.build = null));
    }
    return this.build;
  }
}

async function loadBuild(indexFile: string, renderFile: string, stamp: string): Promise<Build> {
  const template = await readFile(indexFile, 'utf8');
  if (!template.includes(APP)) throw new Error(`${indexFile} has no ${APP} to render into`);
  // A new URL per build: Node keeps every module it imported, by URL.
  const url = `${pathToFileURL(renderFile).href}?build=${encodeURIComponent(stamp)}`;
  const module = (await import(url)) as { renderOverview: RenderOverview };
  return { stamp, template, render: module.renderOverview };
}

/**
 * index.html with the overview in `#app` and its data beside it. The preloads of /api/okrs and
 * /api/health go: the page carries both, a fetch of them would be wasted.
 */
function overviewHtml(
  build: Pick<Build, 'template' | 'render'>,
  okrs: OkrsResponse,
  health: HealthResponse | null,
): string {
  const { app, data } = build.render({ okrs, health });
  return build.template
    .replace(/[ \t]*<!--[^>]*preload[^>]*-->\s*/i, '')
    .replace(/[ \t]*<link rel="preload" href="\/api\/(okrs|health)"[^>]*>\s*/g, '')
    .replace(
      '<title>Pulseboard</title>',
      () => `<title>${escapeText(documentTitle('Overview', okrs.project))}</title>`,
    )
    .replace(APP, () => `<div id="app">${app}</div>\n    ${data}`);
}

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
