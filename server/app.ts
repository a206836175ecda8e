import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './app-deps.js';
import { allowedOrigins } from './http/allowed-origins.js';
import type { AppEnv } from './http/app-env.js';
import { authenticate } from './http/authenticate.js';
import { corsHeaders } from './http/cors-headers.js';
import { curlJson } from './http/curl-json.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { hearOwnWrites } from './http/hear-own-writes.js';
import { privateAnswers } from './http/private-answers.js';
import { requestLimit } from './http/request-limit.js';
import { requestLog } from './http/request-log.js';
import { responseHeaders } from './http/response-headers.js';
import { storableText } from './http/storable-text.js';
import { validationHook } from './http/validation-hook.js';
import { writeBodyLimit } from './http/write-body-limit.js';
import { MAX_REFERENCE_BYTES } from './references/index.js';
import { assetRoutes } from './routes/asset-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { brandKitRoutes } from './routes/brand-kit-routes.js';
import { channelRoutes } from './routes/channel-routes.js';
import { chatSettingsRoutes } from './routes/chat-settings-routes.js';
import { docsRoutes } from './routes/docs-routes.js';
import { downloadRoutes } from './routes/download-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { fileRoutes } from './routes/file-routes.js';
import { generateRoutes } from './routes/generate-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { overlayRoutes } from './routes/overlay-routes.js';
import { packDownloadRoutes } from './routes/pack-download-routes.js';
import { packRoutes } from './routes/pack-routes.js';
import { publicAssetRoutes } from './routes/public-asset-routes.js';
import { publicGalleryRoutes } from './routes/public-gallery-routes.js';
import { referenceImageRoutes } from './routes/reference-image-routes.js';
import { rewardRoutes } from './routes/reward-routes.js';
import { rigRoutes } from './routes/rig-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { twitchAuthRoutes } from './routes/twitch-auth-routes.js';
import { twitchRoutes } from './routes/twitch-routes.js';
import { MAX_LOGO_BYTES } from './use-cases/index.js';

const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Streamer Studio',
    version: '1',
    description: 'Brand-consistent Twitch assets from a sentence: queue a job, follow it, fetch the files.',
  },
};

/** The whole HTTP surface of DESIGN.md as one Hono app, built from `deps` (tests build their own). */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(errorHandler(deps.logger));
  app.notFound(notFound);
  app.use(requestLog(deps.logger));
  app.use(responseHeaders());
  app.use('/api/v1/*', privateAnswers());
  app.use('/api/v1/*', hearOwnWrites(deps.events));
  // Public reads carry no credentials: any origin may make them (the panel runs on Twitch's).
  app.use('/public/v1/*', corsHeaders({ origins: '*', allowMethods: ['GET', 'HEAD'], maxAge: 600 }));

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // The panel runs on Twitch's origin for the extension; credentials are bearer tokens, never cookies.
  api.use(
    corsHeaders({
      origins: allowedOrigins(deps.config),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
    }),
  );
  api.use(
    writeBodyLimit(MAX_LOGO_BYTES + 64 * 1024, [
      { path: /\/reference-images$/, maxSize: MAX_REFERENCE_BYTES + 64 * 1024 },
    ]),
  );
  api.use(curlJson());
  api.use(
    authenticate({
      database: deps.database,
      jwts: deps.jwts,
      allowQueryToken: (path) => path.endsWith('/events'),
    }),
  );
  api.use(requestLimit(deps.requestLimiter));
  api.use(storableText());
  // Chained, so the routes' types reach `AppType` and the typed client.
  const routes = api
    .route('/', generateRoutes(deps))
    .route('/', jobRoutes(deps))
    .route('/', assetRoutes(deps))
    .route('/', brandKitRoutes(deps))
    .route('/', referenceImageRoutes(deps))
    .route('/', eventRoutes(deps))
    .route('/', tokenRoutes(deps))
    .route('/', channelRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', twitchRoutes(deps))
    .route('/', chatSettingsRoutes(deps))
    .route('/', rewardRoutes(deps))
    .route('/', meRoutes(deps))
    .route('/', packRoutes(deps));

  const typed = app
    .route('/api/v1', routes)
    .route('/', publicAssetRoutes(deps))
    .route('/', publicGalleryRoutes(deps))
    .route('/', downloadRoutes(deps))
    .route('/', packDownloadRoutes(deps))
    .route('/', healthRoutes(deps));
  // Only a driver whose URLs point back at this server (local disk) needs routes to answer them.
  const files = deps.storage.fileServer;
  if (files) app.route(files.mountPath, fileRoutes(files));
  app.route('/', overlayRoutes());
  app.route('/', twitchAuthRoutes(deps));
  // The rig signs broadcaster tokens for anyone who asks: local mode only, never with a real secret.
  if (deps.config.localMode) app.route('/', rigRoutes({ extensionSecret: deps.extensionSecret }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A Twitch extension JWT (the panel) or a per-channel API token (`sst_…`).',
  });
  const document = () =>
    app.getOpenAPI31Document({ ...OPENAPI_INFO, servers: [{ url: deps.config.publicBaseUrl }] });
  app.get('/openapi.json', (c) => c.json(document()));
  app.route('/', docsRoutes({ publicBaseUrl: deps.config.publicBaseUrl }));
  return typed;
}

export type App = ReturnType<typeof createApp>;

/** The whole API's types, for `hc<AppType>` (the typed client the extension and overlay use). */
export type AppType = App;
