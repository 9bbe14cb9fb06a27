// Which physics models this solver serves, by name. The one place a model joins the service.

import type { PhysicsModel } from './types';
import { dipoleModel } from './dipole';
import { femModel } from './fem';
import { instantModel } from './instant';

/** Models built into every solver process. */
export const builtinModels: readonly PhysicsModel[] = [dipoleModel, femModel, instantModel];

export type ModelRegistry = ReadonlyMap<string, PhysicsModel>;

/** The built-in models plus `extra` (e.g. test models loaded by loadModelModules); names must be unique. */
export function createModelRegistry(extra: readonly PhysicsModel[] = []): ModelRegistry {
  const registry = new Map<string, PhysicsModel>();
  for (const model of [...builtinModels, ...extra]) {
    if (registry.has(model.name)) throw new Error(`physics model "${model.name}" is registered twice`);
    registry.set(model.name, model);
  }
  return registry;
}

/** Names of the registered models, sorted, for error messages and Info. */
export function modelNames(registry: ModelRegistry): string[] {
  return [...registry.keys()].sort();
}

function isPhysicsModel(value: unknown): value is PhysicsModel {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<PhysicsModel>;
  return typeof candidate.name === 'string' && typeof candidate.solve === 'function';
}

/**
 * Loads extra models from modules that export `models: PhysicsModel[]`. Both the gRPC thread and
 * every worker thread call this with the same absolute paths, so they agree on what exists.
 */
export function loadModelModules(modulePaths: readonly string[]): PhysicsModel[] {
  const loaded: PhysicsModel[] = [];
  for (const modulePath of modulePaths) {
    // require, not import(): jest and tsx both resolve .ts through it, in CommonJS as this package is.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported: unknown = require(modulePath);
    const models = (exported as { models?: unknown }).models;
    if (!Array.isArray(models) || !models.every(isPhysicsModel)) {
      throw new Error(`model module ${modulePath} must export models: PhysicsModel[]`);
    }
    loaded.push(...models);
  }
  return loaded;
}
