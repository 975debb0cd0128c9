/**
 * Graph's half of the emulator: `/v1.0/…` and `/beta/…`. Decodes the path (percent-encoding, OData
 * key syntax `users('…')`, alternate key `servicePrincipals(appId='…')`), reads the query options,
 * authenticates, and hands over to the resource. OData mistakes become Graph's 400 envelope.
 */
import type { EmulatorContext } from '../context.js';
import type { EmulatorRequest, Reply } from '../http.js';
import { ODataError } from '../odata/ast.js';
import { readQuery } from '../odata/query.js';
import { authenticate, isCaller } from './auth.js';
import { directoryRoutes } from './attributes.js';
import { badRequest, noRoute } from './errors.js';
import { conditionalAccessRoutes } from './policies.js';
import type { GraphRequest, GraphVersion } from './request.js';
import { servicePrincipalsRoutes } from './service-principals.js';
import { signInsRoutes } from './signins.js';
import { meRoutes, organizationRoutes, usersRoutes } from './users.js';
import { applicationsRoutes, directoryRolesRoutes, groupsRoutes } from './directory-objects.js';

type Handler = (ctx: EmulatorContext, req: GraphRequest) => Reply;
const RESOURCES: Record<string, Handler> = {
  me: meRoutes,
  users: usersRoutes,
  organization: organizationRoutes,
  auditlogs: signInsRoutes,
  identity: conditionalAccessRoutes,
  serviceprincipals: servicePrincipalsRoutes,
  directory: directoryRoutes,
  groups: groupsRoutes,
  directoryroles: directoryRolesRoutes,
  applications: applicationsRoutes,
};

/** Splits and decodes the path after the version; null when it cannot be decoded. */
export function graphSegments(rawPath: string): string[] | null {
  const out: string[] = [];
  for (const raw of rawPath.split('/').filter(Boolean)) {
    let seg: string;
    try { seg = decodeURIComponent(raw); } catch { return null; }
    const key = /^([A-Za-z]+)\((.*)\)$/s.exec(seg);
    if (key) {
      out.push(key[1]!);
      const inner = key[2]!.trim();
      const alt = /^appId\s*=\s*'(.*)'$/is.exec(inner);
      const quoted = /^'(.*)'$/s.exec(inner);
      out.push(alt ? `$appId=${alt[1]!.replace(/''/g, "'")}` : quoted ? quoted[1]!.replace(/''/g, "'") : inner);
      continue;
    }
    out.push(seg);
  }
  return out;
}

/** null when the path is not under /v1.0 or /beta. */
export function routeGraph(ctx: EmulatorContext, req: EmulatorRequest): Reply | null {
  const m = /^\/(v1\.0|beta)(\/.*)?$/i.exec(req.rawPath);
  if (!m) return null;
  const version = (m[1]!.toLowerCase() === 'beta' ? 'beta' : 'v1.0') as GraphVersion;
  const segments = graphSegments(m[2] ?? '');
  if (!segments) return badRequest(ctx, req, 'The request URL is not valid: bad percent-encoding.');
  const handler = segments[0] ? RESOURCES[segments[0].toLowerCase()] : undefined;
  if (!handler) return noRoute(ctx, req);
  try {
    const query = readQuery(req.url);
    const caller = authenticate(ctx, req);
    if (!isCaller(caller)) return caller;
    const versionedPath = `/${version}${m[2] ?? ''}`;
    return handler(ctx, { raw: req, version, segments, versionedPath, query, caller });
  } catch (error) {
    if (error instanceof ODataError) return badRequest(ctx, req, error.message, error.code);
    throw error;
  }
}
