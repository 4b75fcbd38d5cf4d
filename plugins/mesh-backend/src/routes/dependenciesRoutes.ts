/* GET /entities/by-name/:kind/:namespace/:name/dependencies — declared vs observed dependencies. */
import { z } from 'zod/v3';
import Router from 'express-promise-router';
import { audited, resolveEntity, RouteContext } from './context';
import { parse, single, windowSeconds } from './validation';

const query = (defaultWindow: string) => z.object({ window: single('window').default(defaultWindow) }).strict();

export function registerDependenciesRoutes(router: ReturnType<typeof Router>, ctx: RouteContext): void {
  router.get('/entities/by-name/:kind/:namespace/:name/dependencies', async (req, res) => {
    const result = await audited(
      ctx,
      'entity-dependencies-read',
      req,
      async () => {
        const seconds = windowSeconds(parse(query(ctx.services.dependencies.defaultWindow), req.query, 'query').window);
        // Systems and Groups carry no Kubernetes annotations: their Components do.
        const { entity } = await resolveEntity(ctx, req, { requireMapping: !['system', 'group'].includes(req.params.kind.toLowerCase()) });
        return ctx.services.dependencies.getDependencies(entity, { windowSeconds: seconds, credentials: await ctx.httpAuth.credentials(req) });
      },
      r => ({ ...r.drift }),
    );
    res.json(result);
  });
}
