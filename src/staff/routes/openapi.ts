/** `GET /openapi.json`: the API description, served without a token (it holds no data). */
import { staffOpenApiDocument } from '../openapi.js';
import type { StaffRoutes } from './context.js';

export const openApiRoutes: StaffRoutes = (app) => {
  const document = staffOpenApiDocument();
  app.get('/openapi.json', { config: { public: true } }, async () => document);
};
